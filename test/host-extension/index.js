// Nothing to do: this extension exists only so VS Code runs the integration tests.
exports.activate = () => {};
