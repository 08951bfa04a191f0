// Keeps the extension manifest consistent with the code: every command the client registers is
// contributed with a title, every setting is documented, the semantic token names equal the
// server's legend, and everything a menu, a view or a grammar refers to exists.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { listFiles, PackageManager } from '@vscode/vsce';
import { COMMANDS, CONTEXT_KEYS, INTERNAL_COMMANDS } from '../../client/src/commandIds';
import { DEFAULT_LANGUAGES } from '../../client/src/treeModel';
import { FINDING_CODES } from '../../server/src/analysis/types';
import { DEFAULT_MAX_DOCUMENT_SIZE } from '../../server/src/lsp/settings';
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES } from '../../server/src/protocol';

const repoRoot = join(__dirname, '..', '..');

interface CommandContribution {
  command: string;
  title?: string;
  category?: string;
  icon?: string;
}
interface MenuItem {
  command: string;
  when?: string;
  group?: string;
}
interface SettingContribution {
  type?: string | string[];
  description?: string;
  markdownDescription?: string;
  default?: unknown;
  enum?: string[];
  properties?: Record<string, SettingContribution>;
  items?: { type?: string };
}
interface Manifest {
  main: string;
  icon: string;
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: boolean | string }; virtualWorkspaces: boolean };
  contributes: {
    languages: { id: string; extensions: string[]; filenamePatterns: string[]; configuration: string }[];
    grammars: { language: string; scopeName: string; path: string }[];
    jsonValidation: { fileMatch: string; url: string }[];
    viewsContainers: { activitybar: { id: string; title: string; icon: string }[] };
    views: Record<string, { id: string; name: string }[]>;
    viewsWelcome: { view: string; contents: string; when?: string }[];
    commands: CommandContribution[];
    menus: Record<string, MenuItem[]>;
    configuration: { title: string; properties: Record<string, SettingContribution> };
    semanticTokenTypes: { id: string; superType?: string; description: string }[];
    semanticTokenModifiers: { id: string; description: string }[];
    semanticTokenScopes: { scopes: Record<string, string[]> }[];
  };
}

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Manifest;
const { contributes } = manifest;
const contributedCommands = new Map(contributes.commands.map((command) => [command.command, command]));
const viewIds = Object.values(contributes.views).flatMap((views) => views.map((view) => view.id));

function readJson(relativePath: string): unknown {
  return JSON.parse(readFileSync(join(repoRoot, relativePath), 'utf8')) as unknown;
}

void describe('package.json commands', () => {
  void it('contributes exactly the commands the client registers', () => {
    assert.deepEqual([...contributedCommands.keys()].sort(), Object.values(COMMANDS).sort());
  });

  void it('gives every command a title and the News Claims category', () => {
    for (const command of contributes.commands) {
      assert.ok(command.title && command.title.trim() !== '', `${command.command} has a title`);
      assert.equal(command.category, 'News Claims', `${command.command} category`);
      if (command.icon !== undefined) assert.match(command.icon, /^\$\([a-z-]+\)$/, `${command.command} icon`);
    }
  });

  void it('hides the internal commands from the command palette', () => {
    const palette = contributes.menus.commandPalette ?? [];
    for (const id of INTERNAL_COMMANDS) {
      assert.ok(
        palette.some((item) => item.command === id && item.when === 'false'),
        `${id} is hidden from the palette`,
      );
    }
  });

  void it('refers only to existing commands, views and context keys in menus', () => {
    const knownContextKeys = new Set<string>([...Object.values(CONTEXT_KEYS), 'view']);
    for (const [menu, items] of Object.entries(contributes.menus)) {
      for (const item of items) {
        assert.ok(contributedCommands.has(item.command), `${menu} refers to ${item.command}`);
        for (const [, viewId] of (item.when ?? '').matchAll(/view == ([\w.]+)/g)) {
          assert.ok(viewIds.includes(viewId ?? ''), `${menu}/${item.command} refers to view ${viewId}`);
        }
        for (const [key] of (item.when ?? '').matchAll(/\bnewsClaims\.\w+/g)) {
          assert.ok(knownContextKeys.has(key) || viewIds.includes(key), `${menu}/${item.command} uses ${key}`);
        }
        if (menu === 'view/title' && item.group?.startsWith('navigation')) {
          assert.ok(contributedCommands.get(item.command)?.icon, `${item.command} in a view title has an icon`);
        }
      }
    }
  });

  void it('offers the filter as two view-title buttons that swap on the context key', () => {
    const viewTitle = contributes.menus['view/title'] ?? [];
    const on = viewTitle.find((item) => item.command === COMMANDS.showUnattributedOnly);
    const off = viewTitle.find((item) => item.command === COMMANDS.showAllItems);
    assert.match(on?.when ?? '', /!newsClaims\.unattributedOnly/);
    assert.match(off?.when ?? '', /(?<!!)newsClaims\.unattributedOnly/);
    assert.notEqual(
      contributedCommands.get(COMMANDS.showUnattributedOnly)?.icon,
      contributedCommands.get(COMMANDS.showAllItems)?.icon,
    );
  });

  // Each view's title bar has one button to switch it to the workspace and one to switch it back;
  // the view's context key decides which of the two shows, so exactly one is visible at a time.
  const modeToggles = [
    {
      view: 'newsClaims.claims',
      key: CONTEXT_KEYS.claimsWorkspaceMode,
      toWorkspace: COMMANDS.showClaimsWorkspace,
      toArticle: COMMANDS.showClaimsArticle,
    },
    {
      view: 'newsClaims.figures',
      key: CONTEXT_KEYS.figuresWorkspaceMode,
      toWorkspace: COMMANDS.showFiguresWorkspace,
      toArticle: COMMANDS.showFiguresArticle,
    },
  ];
  for (const toggle of modeToggles) {
    void it(`offers ${toggle.view} a workspace toggle in its title bar that swaps on ${toggle.key}`, () => {
      const viewTitle = contributes.menus['view/title'] ?? [];
      const escapedKey = toggle.key.replace(/\./g, '\\.');
      const toWorkspace = viewTitle.filter((item) => item.command === toggle.toWorkspace);
      const toArticle = viewTitle.filter((item) => item.command === toggle.toArticle);
      assert.equal(toWorkspace.length, 1, `${toggle.toWorkspace} appears once`);
      assert.equal(toArticle.length, 1, `${toggle.toArticle} appears once`);
      assert.equal(toWorkspace[0]?.when, `view == ${toggle.view} && !${toggle.key}`);
      assert.equal(toArticle[0]?.when, `view == ${toggle.view} && ${toggle.key}`);
      assert.match(toWorkspace[0]?.group ?? '', /^navigation/);
      assert.match(toArticle[0]?.group ?? '', /^navigation/);
      const workspaceIcon = contributedCommands.get(toggle.toWorkspace)?.icon;
      const articleIcon = contributedCommands.get(toggle.toArticle)?.icon;
      assert.ok(workspaceIcon && articleIcon && workspaceIcon !== articleIcon, 'the two buttons look different');
      // In the palette only the switch that would change something is offered.
      const palette = contributes.menus.commandPalette ?? [];
      assert.match(
        palette.find((item) => item.command === toggle.toWorkspace)?.when ?? '',
        new RegExp(`^!${escapedKey}$`),
      );
      assert.match(
        palette.find((item) => item.command === toggle.toArticle)?.when ?? '',
        new RegExp(`^${escapedKey}$`),
      );
    });
  }

  void it('hides the article-only buttons (filter, export, copy) from a view in workspace mode', () => {
    const viewTitle = contributes.menus['view/title'] ?? [];
    const articleOnly = [
      COMMANDS.showUnattributedOnly,
      COMMANDS.showAllItems,
      COMMANDS.exportToFile,
      COMMANDS.copyAsCsv,
      COMMANDS.copyAsMarkdown,
    ];
    for (const command of articleOnly) {
      const when = viewTitle.find((item) => item.command === command)?.when ?? '';
      assert.ok(
        when.includes(`view == newsClaims.claims && !${CONTEXT_KEYS.claimsWorkspaceMode}`),
        `${command}: ${when}`,
      );
      assert.ok(
        when.includes(`view == newsClaims.figures && !${CONTEXT_KEYS.figuresWorkspaceMode}`),
        `${command}: ${when}`,
      );
    }
  });

  void it('offers the workspace exports in the title bar of a view in workspace mode only', () => {
    const viewTitle = contributes.menus['view/title'] ?? [];
    for (const command of [
      COMMANDS.exportWorkspaceToFile,
      COMMANDS.copyWorkspaceAsCsv,
      COMMANDS.copyWorkspaceAsMarkdown,
    ]) {
      const when = viewTitle.find((item) => item.command === command)?.when ?? '';
      assert.ok(
        when.includes(`view == newsClaims.claims && ${CONTEXT_KEYS.claimsWorkspaceMode}`),
        `${command}: ${when}`,
      );
      assert.ok(
        when.includes(`view == newsClaims.figures && ${CONTEXT_KEYS.figuresWorkspaceMode}`),
        `${command}: ${when}`,
      );
      assert.doesNotMatch(when, /!newsClaims\.\w+WorkspaceMode/, `${command} is not shown in article mode`);
    }
  });

  void it('links only contributed commands from the welcome views, and hides the article welcome in workspace mode', () => {
    for (const welcome of contributes.viewsWelcome) {
      for (const [, command] of welcome.contents.matchAll(/\(command:([\w.]+)/g)) {
        assert.ok(contributedCommands.has(command ?? ''), `${welcome.view} links ${command}`);
      }
    }
    const claimsWelcome = contributes.viewsWelcome.find((welcome) => welcome.view === 'newsClaims.claims');
    const figuresWelcome = contributes.viewsWelcome.find((welcome) => welcome.view === 'newsClaims.figures');
    assert.match(claimsWelcome?.when ?? '', new RegExp(`!${CONTEXT_KEYS.claimsWorkspaceMode.replace(/\./g, '\\.')}`));
    assert.match(figuresWelcome?.when ?? '', new RegExp(`!${CONTEXT_KEYS.figuresWorkspaceMode.replace(/\./g, '\\.')}`));
  });
});

void describe('package.json settings', () => {
  const settings = contributes.configuration.properties;

  void it('documents every setting with a type, a description and a default', () => {
    for (const [name, setting] of Object.entries(settings)) {
      assert.ok(name.startsWith('newsClaims.'), `${name} is in the newsClaims section`);
      assert.ok(setting.type !== undefined, `${name} has a type`);
      assert.ok((setting.description ?? setting.markdownDescription ?? '').length > 20, `${name} has a description`);
      assert.ok('default' in setting, `${name} has a default`);
    }
  });

  void it('contributes the settings the server reads', () => {
    assert.deepEqual(Object.keys(settings).sort(), [
      'newsClaims.articleDate',
      'newsClaims.commonKnowledge',
      'newsClaims.crossArticle.enabled',
      'newsClaims.debounceMs',
      'newsClaims.exclude',
      'newsClaims.languages',
      'newsClaims.maxDocumentSize',
      'newsClaims.severity',
      'newsClaims.trace.server',
    ]);
    assert.deepEqual(settings['newsClaims.languages']?.default, [...DEFAULT_LANGUAGES]);
    assert.deepEqual(settings['newsClaims.debounceMs']?.type, ['number', 'null']);
    assert.equal(settings['newsClaims.debounceMs']?.default, null);
    assert.equal(settings['newsClaims.maxDocumentSize']?.default, DEFAULT_MAX_DOCUMENT_SIZE, 'the server default');
    assert.deepEqual(settings['newsClaims.trace.server']?.enum, ['off', 'messages', 'verbose']);
    assert.equal(settings['newsClaims.crossArticle.enabled']?.default, true);
    assert.deepEqual(settings['newsClaims.exclude']?.default, []);
  });

  void it('offers one severity per finding code, each with the same five choices', () => {
    const severity = settings['newsClaims.severity'];
    assert.deepEqual(Object.keys(severity?.properties ?? {}).sort(), [...FINDING_CODES].sort());
    for (const [code, property] of Object.entries(severity?.properties ?? {})) {
      assert.ok((FINDING_CODES as readonly string[]).includes(code), `${code} is a finding code`);
      assert.deepEqual(property.enum, ['error', 'warning', 'information', 'hint', 'off'], code);
      assert.ok(property.description, `${code} is described`);
    }
  });

  void it('checks the article date pattern', () => {
    const pattern = new RegExp((settings['newsClaims.articleDate'] as { pattern: string }).pattern);
    assert.ok(pattern.test('2024-03-15'));
    for (const wrong of ['15/03/2024', '2024-3-15', '2024-03-15x']) assert.ok(!pattern.test(wrong), wrong);
  });
});

void describe('package.json semantic tokens', () => {
  void it('declares exactly the server legend', () => {
    assert.deepEqual(
      contributes.semanticTokenTypes.map((type) => type.id),
      [...SEMANTIC_TOKEN_TYPES],
    );
    assert.deepEqual(
      contributes.semanticTokenModifiers.map((modifier) => modifier.id),
      [...SEMANTIC_TOKEN_MODIFIERS],
    );
    for (const type of contributes.semanticTokenTypes) assert.ok(type.description, `${type.id} is described`);
  });

  void it('maps every token type to TextMate scopes and nothing else', () => {
    const scopes = contributes.semanticTokenScopes.flatMap((entry) => Object.entries(entry.scopes));
    const mapped = new Set(scopes.map(([selector]) => selector));
    for (const type of SEMANTIC_TOKEN_TYPES) assert.ok(mapped.has(type), `${type} has scopes`);
    for (const [selector, textMateScopes] of scopes) {
      const [type, ...modifiers] = selector.split('.');
      assert.ok(type === '*' || (SEMANTIC_TOKEN_TYPES as readonly string[]).includes(type ?? ''), selector);
      for (const modifier of modifiers) {
        assert.ok((SEMANTIC_TOKEN_MODIFIERS as readonly string[]).includes(modifier), selector);
      }
      assert.ok(textMateScopes.length > 0, `${selector} maps to at least one scope`);
    }
  });
});

void describe('package.json views, language and files', () => {
  void it('has the News Claims container with the Claims and Figures views', () => {
    assert.deepEqual(
      contributes.viewsContainers.activitybar.map((container) => container.id),
      ['newsClaims'],
    );
    assert.deepEqual(
      contributes.views.newsClaims?.map((view) => view.id),
      ['newsClaims.claims', 'newsClaims.figures'],
    );
    for (const welcome of contributes.viewsWelcome) assert.ok(viewIds.includes(welcome.view), welcome.view);
  });

  void it('activates on every default language and view', () => {
    for (const language of DEFAULT_LANGUAGES) {
      assert.ok(manifest.activationEvents.includes(`onLanguage:${language}`), language);
    }
    for (const view of viewIds) assert.ok(manifest.activationEvents.includes(`onView:${view}`), view);
  });

  void it('declares the news-article language with its files, configuration and grammar', () => {
    const language = contributes.languages.find((candidate) => candidate.id === 'news-article');
    assert.deepEqual(language?.extensions, ['.news', '.article']);
    assert.deepEqual(language?.filenamePatterns, ['*.article.txt']);
    const configuration = readJson(language?.configuration ?? '') as {
      autoClosingPairs: { open: string }[];
      wordPattern: { pattern: string; flags: string };
    };
    assert.ok(configuration.autoClosingPairs.some((pair) => pair.open === '“'));
    // A straight apostrophe must not auto-close: "don't" would become "don't'".
    assert.ok(!configuration.autoClosingPairs.some((pair) => pair.open === "'"));
    const word = new RegExp(configuration.wordPattern.pattern, configuration.wordPattern.flags + 'g');
    assert.deepEqual("Almasov’s don't co-operate 12,000 Zürich".match(word), [
      'Almasov’s',
      "don't",
      'co-operate',
      '12',
      '000',
      'Zürich',
    ]);
    const [grammar] = contributes.grammars;
    assert.equal(grammar?.language, 'news-article');
    const grammarFile = readJson(grammar?.path ?? '') as { scopeName: string };
    assert.equal(grammarFile.scopeName, grammar?.scopeName);
  });

  void it('supports untrusted and virtual workspaces', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
    assert.equal(manifest.capabilities.virtualWorkspaces, true);
  });

  void it('refers only to files that exist in the repository', () => {
    const files = [
      manifest.icon,
      ...contributes.viewsContainers.activitybar.map((container) => container.icon),
      ...contributes.jsonValidation.map((validation) => validation.url),
      ...contributes.grammars.map((grammar) => grammar.path),
      ...contributes.languages.map((language) => language.configuration),
    ];
    for (const file of files) assert.ok(existsSync(join(repoRoot, file)), `${file} exists`);
    assert.equal(manifest.main, './dist/extension.js');
  });

  void it('ships a 128×128 PNG icon', () => {
    const png = readFileSync(join(repoRoot, manifest.icon));
    assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
    assert.equal(png.readUInt32BE(16), 128);
    assert.equal(png.readUInt32BE(20), 128);
  });

  void it('packages the manifest, grammar, icons and schema, and no sources or tests', async () => {
    // vsce's own file listing applies .vscodeignore exactly as `npm run package` does. dist/ is
    // left out of the comparison because it exists only after a build.
    const files = (await listFiles({ cwd: repoRoot, packageManager: PackageManager.None })).filter(
      (file) => !file.startsWith('dist/'),
    );
    for (const needed of [
      'package.json',
      'language-configuration.json',
      'syntaxes/news-article.tmLanguage.json',
      'schemas/newsclaims.schema.json',
      'media/icon.png',
      'media/news-claims.svg',
      'LICENSE',
      'CHANGELOG.md',
      'THIRD_PARTY.md',
    ]) {
      assert.ok(files.includes(needed), `the package includes ${needed}`);
    }
    for (const file of files) {
      assert.doesNotMatch(file, /\.(ts|mjs)$|^(test|client|server|scripts|node_modules)\//, `${file} is not shipped`);
    }
  });
});
