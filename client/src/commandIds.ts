// Every command the extension registers, named once. package.json contributes the same ids (a
// unit test compares them), and the end-to-end tests run them by these names, so they are stable.
import { INSERT_ATTRIBUTION_SNIPPET_COMMAND } from '../../server/src/protocol';

export const COMMANDS = {
  copyAsCsv: 'newsClaims.copyAsCsv',
  copyAsMarkdown: 'newsClaims.copyAsMarkdown',
  exportToFile: 'newsClaims.exportToFile',
  copyWorkspaceAsCsv: 'newsClaims.copyWorkspaceAsCsv',
  copyWorkspaceAsMarkdown: 'newsClaims.copyWorkspaceAsMarkdown',
  exportWorkspaceToFile: 'newsClaims.exportWorkspaceToFile',
  showOutput: 'newsClaims.showOutput',
  restartServer: 'newsClaims.restartServer',
  refreshViews: 'newsClaims.refreshViews',
  toggleUnattributedOnly: 'newsClaims.toggleUnattributedOnly',
  showUnattributedOnly: 'newsClaims.showUnattributedOnly',
  showAllItems: 'newsClaims.showAllItems',
  showClaimsWorkspace: 'newsClaims.showClaimsWorkspace',
  showClaimsArticle: 'newsClaims.showClaimsArticle',
  showFiguresWorkspace: 'newsClaims.showFiguresWorkspace',
  showFiguresArticle: 'newsClaims.showFiguresArticle',
  revealRange: 'newsClaims.revealRange',
  insertAttributionSnippet: INSERT_ATTRIBUTION_SNIPPET_COMMAND,
} as const;

/** Commands that only make sense with arguments from a tree item or a code action. */
export const INTERNAL_COMMANDS: readonly string[] = [
  COMMANDS.revealRange,
  COMMANDS.insertAttributionSnippet,
  COMMANDS.showUnattributedOnly,
  COMMANDS.showAllItems,
];

/** Context keys the extension sets; package.json `when` clauses use them. */
export const CONTEXT_KEYS = {
  unattributedOnly: 'newsClaims.unattributedOnly',
  articleActive: 'newsClaims.articleActive',
  /** True while the Claims view shows the sources of the whole workspace instead of the current article. */
  claimsWorkspaceMode: 'newsClaims.claimsWorkspaceMode',
  /** True while the Figures view shows the figures of the whole workspace, grouped by measure. */
  figuresWorkspaceMode: 'newsClaims.figuresWorkspaceMode',
} as const;
