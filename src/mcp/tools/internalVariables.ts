// Which variables are a runtime's internals rather than the program's own, per language, so
// get_local_variables shows what a person would look at first (includeSpecial keeps them).

const PYTHON_GROUPS = new Set(['special variables', 'function variables', 'class variables', 'protected variables']);
const JAVASCRIPT_INTERNALS = new Set(['this', '__proto__', 'arguments', 'exports', 'module', 'require', '__filename', '__dirname']);

export function isInternalVariable(language: string, name: string): boolean {
  if (/^\[\[.*\]\]$/.test(name)) return true;
  switch (language) {
    case 'python':
      return PYTHON_GROUPS.has(name) || /^__.+__$/.test(name);
    case 'javascript':
    case 'typescript':
      return JAVASCRIPT_INTERNALS.has(name);
    case 'java':
    case 'csharp':
    case 'dotnet':
      return name === 'this';
    case 'php':
      return name.startsWith('$GLOBALS') || name === '$this';
    case 'ruby':
      return name === 'self' || name.startsWith('%');
    default:
      return false;
  }
}

/** The scope that holds a frame's own locals: the adapter's `locals` hint, else a name like "Locals" / "Local: fn". */
export function pickLocalScope<T extends { name: string; presentationHint?: string; expensive: boolean; variablesReference: number }>(scopes: readonly T[]): T | undefined {
  const usable = scopes.filter((scope) => scope.variablesReference > 0);
  return (
    usable.find((scope) => scope.presentationHint === 'locals') ??
    usable.find((scope) => /^locals?\b/i.test(scope.name)) ??
    usable.find((scope) => !scope.expensive && !/global/i.test(scope.name) && !/register/i.test(scope.name))
  );
}
