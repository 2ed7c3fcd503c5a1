// The theme variables VS Code sets on a webview's <html>, for the themes the UI tests switch between
// (values from VS Code's Light Modern and Dark Modern themes).
export type ThemeName = 'light' | 'dark' | 'high-contrast';

const shared = {
  '--vscode-font-family': 'system-ui, -apple-system, "Segoe UI", "Ubuntu", sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-editor-font-family': '"Droid Sans Mono", "monospace", monospace',
  '--vscode-editor-font-size': '13px',
};

export const THEMES: Record<ThemeName, { bodyClass: string; variables: Record<string, string> }> = {
  light: {
    bodyClass: 'vscode-light',
    variables: {
      ...shared,
      '--vscode-foreground': '#3b3b3b', '--vscode-editor-background': '#ffffff', '--vscode-descriptionForeground': '#3b3b3b',
      '--vscode-errorForeground': '#f85149', '--vscode-testing-iconPassed': '#388a34', '--vscode-editorWarning-foreground': '#bf8803',
      '--vscode-focusBorder': '#005fb8', '--vscode-list-hoverBackground': '#f2f2f2', '--vscode-list-inactiveSelectionBackground': '#e4e6f1',
      '--vscode-panel-border': '#e5e5e5', '--vscode-editorGroup-border': '#e5e5e5', '--vscode-sideBar-background': '#f8f8f8',
      '--vscode-textLink-foreground': '#005fb8', '--vscode-textLink-activeForeground': '#005fb8',
      '--vscode-inputValidation-errorBackground': '#f2dede', '--vscode-input-background': '#ffffff', '--vscode-input-foreground': '#3b3b3b',
      '--vscode-input-border': '#cecece', '--vscode-button-background': '#005fb8', '--vscode-button-foreground': '#ffffff',
      '--vscode-button-secondaryBackground': '#e5e5e5', '--vscode-button-secondaryForeground': '#3b3b3b',
      '--vscode-panelTitle-activeForeground': '#3b3b3b', '--vscode-panelTitle-inactiveForeground': '#3b3b3b', '--vscode-panelTitle-activeBorder': '#005fb8',
      '--vscode-textCodeBlock-background': '#f8f8f8', '--vscode-dropdown-background': '#ffffff', '--vscode-dropdown-border': '#cecece',
      '--vscode-dropdown-foreground': '#3b3b3b', '--vscode-charts-blue': '#1a85ff', '--vscode-charts-orange': '#d18616',
      '--vscode-inputValidation-warningBackground': '#f6f5d2', '--vscode-inputValidation-warningBorder': '#b89500',
      '--vscode-settings-dropdownBackground': '#ffffff', '--vscode-settings-dropdownForeground': '#3b3b3b', '--vscode-settings-dropdownBorder': '#cecece',
      '--vscode-settings-dropdownListBorder': '#c8c8c8', '--vscode-settings-textInputBackground': '#ffffff', '--vscode-settings-textInputForeground': '#3b3b3b',
      '--vscode-settings-textInputBorder': '#cecece', '--vscode-list-activeSelectionBackground': '#e8e8e8', '--vscode-list-activeSelectionForeground': '#000000',
      '--vscode-button-hoverBackground': '#0258a8', '--vscode-button-secondaryHoverBackground': '#cccccc', '--vscode-widget-shadow': 'rgba(0, 0, 0, 0.16)',
      '--vscode-input-placeholderForeground': '#767676',
      '--vscode-badge-background': '#cccccc', '--vscode-badge-foreground': '#3b3b3b',
    },
  },
  dark: {
    bodyClass: 'vscode-dark',
    variables: {
      ...shared,
      '--vscode-foreground': '#cccccc', '--vscode-editor-background': '#1f1f1f', '--vscode-descriptionForeground': '#9d9d9d',
      '--vscode-errorForeground': '#f85149', '--vscode-testing-iconPassed': '#73c991', '--vscode-editorWarning-foreground': '#cca700',
      '--vscode-focusBorder': '#0078d4', '--vscode-list-hoverBackground': '#2a2d2e', '--vscode-list-inactiveSelectionBackground': '#37373d',
      '--vscode-panel-border': '#2b2b2b', '--vscode-editorGroup-border': '#3c3c3c', '--vscode-sideBar-background': '#181818',
      '--vscode-textLink-foreground': '#4daafc', '--vscode-textLink-activeForeground': '#4daafc',
      '--vscode-inputValidation-errorBackground': '#5a1d1d', '--vscode-input-background': '#313131', '--vscode-input-foreground': '#cccccc',
      '--vscode-input-border': '#3c3c3c', '--vscode-button-background': '#0078d4', '--vscode-button-foreground': '#ffffff',
      '--vscode-button-secondaryBackground': '#313131', '--vscode-button-secondaryForeground': '#cccccc',
      '--vscode-panelTitle-activeForeground': '#e7e7e7', '--vscode-panelTitle-inactiveForeground': '#9d9d9d', '--vscode-panelTitle-activeBorder': '#0078d4',
      '--vscode-textCodeBlock-background': '#2b2b2b', '--vscode-dropdown-background': '#313131', '--vscode-dropdown-border': '#3c3c3c',
      '--vscode-dropdown-foreground': '#cccccc', '--vscode-charts-blue': '#3794ff', '--vscode-charts-orange': '#d18616',
      '--vscode-inputValidation-warningBackground': '#352a05', '--vscode-inputValidation-warningBorder': '#b89500',
      '--vscode-settings-dropdownBackground': '#313131', '--vscode-settings-dropdownForeground': '#cccccc', '--vscode-settings-dropdownBorder': '#3c3c3c',
      '--vscode-settings-dropdownListBorder': '#454545', '--vscode-settings-textInputBackground': '#313131', '--vscode-settings-textInputForeground': '#cccccc',
      '--vscode-settings-textInputBorder': '#3c3c3c', '--vscode-list-activeSelectionBackground': '#04395e', '--vscode-list-activeSelectionForeground': '#ffffff',
      '--vscode-button-hoverBackground': '#026ec1', '--vscode-button-secondaryHoverBackground': '#3c3c3c', '--vscode-widget-shadow': 'rgba(0, 0, 0, 0.36)',
      '--vscode-input-placeholderForeground': '#989898',
      '--vscode-badge-background': '#616161', '--vscode-badge-foreground': '#f8f8f8',
    },
  },
  'high-contrast': {
    bodyClass: 'vscode-high-contrast',
    variables: {
      ...shared,
      '--vscode-foreground': '#ffffff', '--vscode-editor-background': '#000000', '--vscode-descriptionForeground': '#ffffff',
      '--vscode-errorForeground': '#f48771', '--vscode-testing-iconPassed': '#73c991', '--vscode-editorWarning-foreground': '#ffd370',
      '--vscode-focusBorder': '#f38518', '--vscode-contrastBorder': '#6fc3df', '--vscode-contrastActiveBorder': '#f38518',
      '--vscode-panel-border': '#6fc3df', '--vscode-editorGroup-border': '#6fc3df', '--vscode-textLink-foreground': '#21a6ff',
      '--vscode-input-background': '#000000', '--vscode-input-foreground': '#ffffff', '--vscode-input-border': '#6fc3df',
    },
  },
};
