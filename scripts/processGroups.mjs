// Detached process groups (a VS Code server and everything it started) that must not outlive the
// script that started them: on a normal exit, and on Ctrl-C or a kill, where Node would otherwise
// exit without running any clean-up and leave the server running.

const liveGroups = new Set();
let installed = false;

function killAll(signal) {
  for (const pid of liveGroups) {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  }
  liveGroups.clear();
}

function install() {
  if (installed) return;
  installed = true;
  process.on('exit', () => killAll('SIGKILL'));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      // a script that handles the signal itself stops its servers and exits (then 'exit' kills what is left)
      if (process.listenerCount(signal) > 0) return;
      killAll('SIGKILL');
      // die of the same signal, as without this handler
      process.kill(process.pid, signal);
    });
  }
}

/** Kills the process group of `pid` when this script ends; the returned function forgets it (it was stopped already). */
export function killGroupOnExit(pid) {
  install();
  liveGroups.add(pid);
  return () => liveGroups.delete(pid);
}
