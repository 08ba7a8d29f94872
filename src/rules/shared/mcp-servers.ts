import type { ServerAccess } from '../../core/posture.js';
import { base } from '../../shell/programs.js';
import { plainGlobMatcher } from '../../sources/globs.js';

/** What approving every tool of a server grants; see `McpServerEntry.grants`. */
type Grant = 'publish' | 'network' | 'shell' | 'lookup';

/**
 * Well-known MCP servers and what approving all of their tools grants. A server is recognised by the name it
 * is configured under (`mcp__github`, `[mcp_servers.github]`) or by the package that launches it. Only what each
 * server's own documentation lists is recorded here; a server not in this list is judged by its tool names.
 */
export interface McpServerEntry {
  /** Names the server is usually configured under, lower case. */
  names: readonly string[];
  /** Packages, images or programs that launch it (matched as whole words of the command line, lower case). */
  packages: readonly string[];
  /**
   * `publish`: some tools push, merge or release; `network`: tools fetch any URL or drive a browser; `shell`: a tool
   * runs any command; `lookup`: tools send the agent's questions to one service on the web (library documentation).
   */
  grants: readonly Grant[];
  /** The site a lookup server sends its queries to: a team approves it by naming it in `allowed-domains`. */
  lookupHost?: string;
  /** Tools that publish, when the names alone do not say so. */
  publishTools?: readonly string[];
  /** Tools that fetch, search the web or drive a browser, when the names alone do not say so. */
  networkTools?: readonly string[];
  /** Tools that delete or overwrite what cannot be brought back, when the names alone do not say so. */
  destructiveTools?: readonly string[];
  /** `--context` values that turn the server's shell tool off. */
  contextsWithoutShell?: readonly string[];
  /**
   * How the server is kept from writing: `tokens`, the variables it takes its token from (one that cannot write
   * leaves its publishing and deleting tools nothing to do); `option` after its program, `variable` set to 1 or true,
   * or a URL ending in `urlEnd`, which leave it only its reading tools.
   */
  readOnly?: {
    /** The server's own program, image and remote host: only they have these switches. */
    program: string;
    images: readonly string[];
    hosts: readonly string[];
    tokens: readonly string[];
    option: string;
    variable: string;
    urlEnd: RegExp;
    source: string;
  };
  source: string;
}

export const MCP_SERVERS: readonly McpServerEntry[] = [
  {
    names: ['github', 'github-mcp-server'],
    packages: ['@modelcontextprotocol/server-github', 'github-mcp-server', 'ghcr.io/github/github-mcp-server', 'api.githubcopilot.com'],
    grants: ['publish'],
    // A fork copies what the account can already read into another account: nothing new is published.
    publishTools: ['push_files', 'create_or_update_file', 'merge_pull_request', 'delete_file', 'create_repository'],
    destructiveTools: ['delete_file'],
    readOnly: {
      program: 'github-mcp-server',
      images: ['ghcr.io/github/github-mcp-server'],
      hosts: ['api.githubcopilot.com'],
      tokens: ['GITHUB_PERSONAL_ACCESS_TOKEN'],
      option: '--read-only',
      variable: 'GITHUB_READ_ONLY',
      urlEnd: /\/readonly\/?$/,
      source:
        'https://github.com/github/github-mcp-server#read-only-mode (--read-only, GITHUB_READ_ONLY); docs/remote-server.md (a URL ending in /readonly)',
    },
    source: 'https://github.com/github/github-mcp-server#tools (repos and pull_requests toolsets)',
  },
  {
    names: ['gitlab'],
    packages: ['@modelcontextprotocol/server-gitlab'],
    grants: ['publish'],
    publishTools: ['push_files', 'create_or_update_file', 'create_repository'],
    source: 'https://github.com/modelcontextprotocol/servers-archived/tree/main/src/gitlab',
  },
  {
    names: ['slack'],
    packages: ['@modelcontextprotocol/server-slack'],
    grants: ['publish'],
    publishTools: ['slack_post_message', 'slack_reply_to_thread'],
    source: 'https://github.com/modelcontextprotocol/servers-archived/tree/main/src/slack (slack_post_message, slack_reply_to_thread)',
  },
  {
    names: ['supabase', 'supabase-mcp'],
    packages: ['@supabase/mcp-server-supabase', 'mcp.supabase.com'],
    grants: ['publish'],
    publishTools: ['apply_migration', 'merge_branch', 'deploy_edge_function'],
    source:
      'https://github.com/supabase-community/supabase-mcp#tools (at 007926d: apply_migration changes the database schema, merge_branch merges migrations and edge functions to production; deploy_edge_function in later versions)',
  },
  {
    names: ['claude-in-chrome'],
    packages: [],
    grants: ['network'],
    source: 'https://code.claude.com/docs/en/chrome (the Chrome extension: navigates and reads any site in the browser)',
  },
  {
    names: ['playwright'],
    packages: ['@playwright/mcp', '@executeautomation/playwright-mcp-server'],
    grants: ['network'],
    source: 'https://github.com/microsoft/playwright-mcp#tools (browser_navigate, browser_run_code)',
  },
  {
    names: ['cursor-ide-browser'],
    packages: [],
    grants: ['network'],
    source:
      "Cursor's built-in browser, as Cursor names its MCP server in agent sessions and mcpAllowlist entries (browser_navigate, browser_snapshot; https://cursor.com/docs/reference/permissions)",
  },
  {
    names: ['puppeteer'],
    packages: ['@modelcontextprotocol/server-puppeteer'],
    grants: ['network'],
    source: 'https://github.com/modelcontextprotocol/servers-archived/tree/main/src/puppeteer (puppeteer_navigate)',
  },
  {
    names: ['chrome-devtools'],
    packages: ['chrome-devtools-mcp'],
    grants: ['network'],
    source: 'https://github.com/ChromeDevTools/chrome-devtools-mcp#tools (navigate_page, new_page)',
  },
  {
    names: ['browsermcp', 'browser-mcp'],
    packages: ['@browsermcp/mcp'],
    grants: ['network'],
    source: 'https://github.com/BrowserMCP/mcp (browser_navigate)',
  },
  {
    names: ['browser-use'],
    packages: ['browser-use[cli]', 'mcp-browser-use'],
    grants: ['network'],
    source: 'https://docs.browser-use.com/open-source/customize/integrations/mcp-server (browser_navigate)',
  },
  {
    names: ['playwriter'],
    packages: ['playwriter'],
    grants: ['network'],
    networkTools: ['execute'],
    source: "https://github.com/remorses/playwriter (execute: Playwright code in the user's own browser, through its extension)",
  },
  {
    names: ['brave-search'],
    packages: ['@modelcontextprotocol/server-brave-search', '@brave/brave-search-mcp-server'],
    grants: ['network'],
    networkTools: ['brave_web_search', 'brave_local_search'],
    source: 'https://github.com/modelcontextprotocol/servers-archived/tree/main/src/brave-search (brave_web_search, brave_local_search)',
  },
  {
    names: ['fetch'],
    packages: ['mcp-server-fetch', '@modelcontextprotocol/server-fetch'],
    grants: ['network'],
    source: 'https://github.com/modelcontextprotocol/servers/tree/main/src/fetch (fetch: any URL)',
  },
  {
    names: ['tavily', 'tavily-mcp', 'tavily-remote'],
    packages: ['tavily-mcp', 'mcp/tavily', 'mcp.tavily.com'],
    grants: ['network'],
    networkTools: [
      'tavily-search',
      'tavily-extract',
      'tavily-crawl',
      'tavily-map',
      'tavily_search',
      'tavily_extract',
      'tavily_crawl',
      'tavily_map',
    ],
    source: 'https://github.com/tavily-ai/tavily-mcp (tavily-search, tavily-extract, tavily-crawl, tavily-map: web search and any page)',
  },
  {
    names: ['exa'],
    packages: ['exa-mcp-server', 'mcp.exa.ai'],
    grants: ['network'],
    networkTools: ['web_search_exa', 'crawling_exa'],
    source: 'https://github.com/exa-labs/exa-mcp-server (web_search_exa, crawling_exa: web search and any page)',
  },
  {
    names: ['perplexity', 'perplexity-ask', 'perplexity-mcp'],
    packages: ['@perplexity-ai/mcp-server', 'server-perplexity-ask', 'mcp/perplexity-ask', 'api.perplexity.ai'],
    grants: ['network'],
    networkTools: ['perplexity_search', 'perplexity_ask', 'perplexity_research', 'perplexity_reason'],
    source:
      'https://github.com/perplexityai/modelcontextprotocol (perplexity_search, perplexity_ask, perplexity_research: real-time web search)',
  },
  {
    names: ['context7', 'context7-mcp', 'upstash-context7'],
    packages: ['@upstash/context7-mcp', 'mcp.context7.com'],
    grants: ['lookup'],
    lookupHost: 'context7.com',
    networkTools: ['resolve-library-id', 'query-docs', 'get-library-docs'],
    source:
      'https://github.com/upstash/context7 (resolve-library-id, query-docs, formerly get-library-docs: documentation fetched from context7.com)',
  },
  {
    names: ['deepwiki', 'deepwiki-mcp'],
    packages: ['mcp.deepwiki.com'],
    grants: ['lookup'],
    lookupHost: 'deepwiki.com',
    networkTools: ['read_wiki_structure', 'read_wiki_contents', 'ask_question'],
    source:
      'https://docs.devin.ai/work-with-devin/deepwiki-mcp (read_wiki_structure, read_wiki_contents, ask_question, at mcp.deepwiki.com)',
  },
  {
    names: ['serena'],
    packages: ['serena', 'serena-mcp-server', 'git+https://github.com/oraios/serena'],
    grants: ['shell'],
    contextsWithoutShell: ['ide', 'ide-assistant', 'codex', 'claude-code'],
    source: 'https://github.com/oraios/serena (execute_shell_command; disabled in the IDE and Codex contexts)',
  },
  {
    names: ['desktop-commander'],
    packages: ['@wonderwhy-er/desktop-commander'],
    grants: ['shell'],
    source: 'https://github.com/wonderwhy-er/DesktopCommanderMCP (start_process: any terminal command)',
  },
];

const byName = new Map(MCP_SERVERS.flatMap((e) => e.names.map((n) => [n, e] as const)));

/**
 * The catalogue entry for a server by its configured name, or by the name a Claude Code plugin's server takes in tool
 * names, `plugin_<plugin>_<server>` (`mcp__plugin_playwright_playwright__browser_navigate`): either name may hold an
 * underscore, so the longest known name after the plugin's first part is taken.
 */
function byConfiguredName(name: string): McpServerEntry | undefined {
  const lower = name.toLowerCase();
  const entry = byName.get(lower);
  if (entry !== undefined || !lower.startsWith('plugin_')) return entry;
  const parts = lower.slice('plugin_'.length).split('_', 64);
  for (let i = 1; i < parts.length; i++) {
    const found = byName.get(parts.slice(i).join('_'));
    if (found !== undefined) return found;
  }
  return undefined;
}
const byPackage = new Map(MCP_SERVERS.flatMap((e) => e.packages.map((p) => [p, e] as const)));

/** A package word without its version (`@playwright/mcp@latest`, `mcp-server-fetch==1.0`, `image:tag`); a URL's host. */
function packageOf(word: string): string {
  const w = word.toLowerCase();
  // The host as a URL parser reads it: `https://mcp.context7.com:@deploy.example/mcp` goes to deploy.example.
  if (/^https?:\/\//.test(w)) return URL.canParse(w) ? new URL(w).hostname : '';
  return w
    .replace(/(?<=.)@[^/@]*$/, '')
    .replace(/==.*$/, '')
    .replace(/:[^/:]*$/, '');
}

export interface KnownServer {
  entry: McpServerEntry;
  /** What the server grants as launched (a context may turn its shell off, a read-only switch its publishing). */
  grants: ReadonlySet<Grant>;
  /** Why the server as launched writes nothing: its publishing and deleting tools are then left out of `entry`. */
  readOnly?: string;
}

/** The values Go's strconv.ParseBool takes as true, as the GitHub MCP server reads its flags and variables. */
const TRUE = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);
/** The GitHub MCP server's own switches (flags without a value), after which `--read-only` is a flag, not a value. */
const SWITCHES = new Set([
  '--read-only',
  '--dynamic-toolsets',
  '--enable-command-logging',
  '--export-translations',
  '--lockdown-mode',
  '--insiders',
]);
const CONTAINER_ENGINES = new Set(['docker', 'podman', 'nerdctl']);
const baseName = (word: string): string => base(word).toLowerCase();

/**
 * What the server's own arguments say of a switch, read as its flag parser reads them: before any `--`, the last
 * `--read-only` or `--read-only=<bool>` wins; a bare one right after an option that may take it as its value
 * (`--log-file --read-only`) makes the answer `unknown`. Undefined when the arguments do not set it.
 */
function switchIn(args: readonly string[], option: string): boolean | 'unknown' | undefined {
  let on: boolean | undefined;
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    if (w === '--') break;
    if (w === option) {
      const prev = i === 0 ? undefined : args[i - 1]!;
      if (prev !== undefined && prev.startsWith('-') && !prev.includes('=') && !SWITCHES.has(prev)) return 'unknown';
      on = true;
    } else if (w.startsWith(`${option}=`)) on = TRUE.has(w.slice(option.length + 1));
  }
  return on;
}

/** Options of `docker run` that change nothing the server is: the container's input, terminal, removal, init. */
const PLAIN_RUN_OPTIONS = new Set(['-i', '-t', '-it', '-ti', '--rm', '--interactive', '--tty', '--init']);

/**
 * The index of the image in a container launch that only hands the container variables (`docker run -i --rm -e NAME
 * image …`); -1 for any other launch: an option that takes a value may hide the image, and a mount or another entry
 * point (`-v`, `--entrypoint`) may run another program in the server's place.
 */
function imageAt(launch: readonly string[]): number {
  if (!CONTAINER_ENGINES.has(baseName(launch[0] ?? '')) || launch[1] !== 'run') return -1;
  for (let i = 2; i < launch.length; i++) {
    const w = launch[i]!;
    if (w === '-e' || w === '--env') i++;
    else if (!PLAIN_RUN_OPTIONS.has(w) && !w.startsWith('--env=')) return w.startsWith('-') ? -1 : i;
  }
  return -1;
}

/**
 * The variables a container engine's arguments before the image set (`-e NAME=value`, `-e NAME` from the engine's own
 * environment, `--env`), the last setting of each winning; undefined when they cannot be known (`--env-file`, a
 * setting glued to its option).
 */
function containerEnv(before: readonly string[], env: Readonly<Record<string, string>>): Map<string, string | undefined> | undefined {
  const out = new Map<string, string | undefined>();
  for (let i = 0; i < before.length; i++) {
    const w = before[i]!;
    let setting: string | undefined;
    if (w === '-e' || w === '--env') setting = before[++i];
    else if (w.startsWith('--env=')) setting = w.slice('--env='.length);
    else if (w.startsWith('--env-file') || /^-[a-z]*e./.test(w)) return undefined;
    if (setting === undefined) continue;
    const eq = setting.indexOf('=');
    const name = eq < 0 ? setting : setting.slice(0, eq);
    out.set(name, eq < 0 ? (Object.hasOwn(env, name) ? env[name] : undefined) : setting.slice(eq + 1));
  }
  return out;
}

/**
 * Why the GitHub MCP server as launched cannot write; undefined when it may. Only the server itself has these
 * switches (its program `github-mcp-server`, its image, or its remote URL): a server recognised by name only, or the
 * archived reference server, has none. Read as the process that runs it gets them:
 * - its program run directly: `--read-only` among its arguments, or `GITHUB_READ_ONLY` in its environment, and the
 *   token from `GITHUB_PERSONAL_ACCESS_TOKEN` of its environment;
 * - in a container: the same arguments after the image, and only the variables `-e` hands the container (a token
 *   handed on by name from the server's environment, never set on the command line);
 * - its remote URL alone: a path ending in `/readonly` (a remote server gets no environment).
 */
function readOnlyBy(
  entry: McpServerEntry,
  launch: readonly string[],
  program: number,
  access: ServerAccess | undefined,
): string | undefined {
  const ro = entry.readOnly;
  if (!ro || program < 0) return undefined;
  const urls = launch.filter((w) => /^[a-z][a-z0-9+.-]*:\/\//i.test(w));
  // A server with a URL beside its command may be reached at the URL (Gemini CLI takes httpUrl, then url, first).
  if (urls.length > 0) {
    if (launch.length !== 1) return undefined;
    let url: URL;
    try {
      url = new URL(urls[0]!);
    } catch {
      return undefined;
    }
    if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || !ro.hosts.includes(url.hostname)) return undefined;
    return ro.urlEnd.test(url.pathname) ? 'its URL is the read-only one' : undefined;
  }
  const word = launch[program]!;
  const env = access?.env ?? {};
  let variables: Map<string, string | undefined> | undefined;
  if (program === 0 && baseName(word) === ro.program) {
    variables = new Map(Object.entries(env));
  } else if (program > 0 && ro.images.includes(packageOf(word)) && imageAt(launch) === program) {
    variables = containerEnv(launch.slice(1, program), env);
  } else return undefined;
  const flag = switchIn(launch.slice(program + 1), ro.option);
  if (flag === true) return `it is started with ${ro.option}`;
  if (flag === undefined && variables !== undefined && TRUE.has(variables.get(ro.variable) ?? '')) return `${ro.variable} is set`;
  // The token: from the server's own environment, handed on by name only.
  const token = ro.tokens.find((t) => access?.readOnlyTokens?.includes(t));
  if (token === undefined || !variables?.has(token)) return undefined;
  if (program > 0 && launch.slice(1, program).some((w) => w.startsWith(`${token}=`) || w.startsWith(`--env=${token}=`))) return undefined;
  return `its token (${token}) can only read the repository's contents`;
}

/**
 * The catalogue entry for a server: by its launch packages first, then by its configured name. `access`: the
 * server's environment, which may keep it from writing (see `McpServerEntry.readOnly`).
 */
export function knownServer(name: string, launch: readonly string[] = [], access?: ServerAccess): KnownServer | undefined {
  let entry: McpServerEntry | undefined;
  let program = -1;
  // The first package the launch names, unless a later one grants more than a lookup (`npx -p @upstash/context7-mcp
  // -p desktop-commander desktop-commander` runs desktop-commander).
  for (const [i, word] of launch.slice(0, 64).entries()) {
    const found = byPackage.get(packageOf(word));
    if (found === undefined || (entry !== undefined && found.lookupHost !== undefined)) continue;
    entry = found;
    program = i;
    if (found.lookupHost === undefined) break;
  }
  // By its name alone only when its launch is not known here, or when the name grants more than a lookup: a server
  // configured as "context7" that starts another program is judged by that program.
  const named = byConfiguredName(name);
  if (entry === undefined && named !== undefined && (launch.length === 0 || named.lookupHost === undefined)) entry = named;
  if (!entry) return undefined;
  const grants = new Set(entry.grants);
  // The last `--context` wins, as the server's option parser takes it.
  let context: string | undefined;
  launch.forEach((w, i) => {
    if (w === '--context') context = launch[i + 1];
    else if (w.startsWith('--context=')) context = w.slice('--context='.length);
  });
  if (context !== undefined && entry.contextsWithoutShell?.includes(context)) grants.delete('shell');
  const readOnly = readOnlyBy(entry, launch, program, access);
  if (readOnly === undefined) return { entry, grants };
  grants.delete('publish');
  return { entry: { ...entry, publishTools: [], destructiveTools: [] }, grants, readOnly };
}

/**
 * Tool names that fetch a URL or drive a browser, whatever their server: `fetch`, `browser_navigate`, `read_url_…`;
 * not a step back or forward in the browser's history (`browser_navigate_back`), which opens no new page.
 */
export const isBrowsingTool = (tool: string): boolean =>
  /^(?:fetch|fetch_url|fetch_html|fetch_markdown|scrape|crawl)$|(?:^|[_-])(?:navigate(?![_-](?:back|forward)(?:[_-]|$))|browse|read_url|open_url|fetch_url|url_content|run_code_unsafe)(?:[_-]|$)/i.test(
    tool,
  );

/** One tool name of each kind that browses or searches, as the servers above name them: what a glob of names is read by. */
const BROWSING_NAMES = [
  ...['browser_navigate', 'navigate_page', 'puppeteer_navigate', 'fetch', 'fetch_url', 'read_url', 'web_search'],
  ...['scrape', 'crawl', 'firecrawl_scrape', 'tavily-search', 'http_request'],
];

/** A tool that browses or searches the web which a glob of tool names (`browser_*` in Cursor's `mcpAllowlist`) takes in. */
export function globBrowsing(glob: string): string | undefined {
  if (!/[*?]/.test(glob)) return undefined;
  const matches = plainGlobMatcher(glob);
  return matches === undefined ? undefined : BROWSING_NAMES.find((name) => matches(name));
}

/** A tool name in snake case: `dropTable` → `drop_table`. */
const snakeWords = (tool: string): string => tool.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/**
 * Tool names that say they search the web, whatever their server: `web_search`, `web_search_exa`, `googleSearch`,
 * `search_web`; as Claude Code's own WebSearch, they bring pages of any site into the session.
 */
export const isWebSearchTool = (tool: string): boolean =>
  /(?:^|_)(?:web_?search|search_web|google_search|internet_search)(?:_|$)/.test(snakeWords(tool).replace(/-/g, '_'));

/**
 * A tool name that says it runs any command the model writes, whatever its server: `execute_command`,
 * `ExecuteCommand`, `run-command`, `run_terminal_cmd`, `execute_shell_command` (Serena), `start_process` (Desktop
 * Commander), `shell`, `bash`. Not a tool that runs one named thing (`run_tests`, `run_script`), nor a bare
 * `execute`, which as often runs code in a browser page or a notebook.
 */
export const isCommandTool = (tool: string): boolean =>
  /^(?:(?:execute|exec|run|start)_(?:shell_|terminal_|system_)?(?:command|cmd|shell|process|terminal|bash)s?|run_in_terminal|run_terminal_cmd|shell|shell_exec(?:ute)?|bash|terminal)$/.test(
    snakeWords(tool).replace(/-/g, '_'),
  );
/** A name that starts with a verb that only looks. */
const READS_FIRST =
  /^(?:get|list|read|describe|show|view|status|search|query|log|logs|fetch|diff|plan|check|validate|inspect|count|find)(?:[_-]|$)/;

/** A tool name that says it deletes, drops or wipes (`delete_file`, `dropTable`, `reset-db`), after any read-only verb. */
export function isDestructiveTool(tool: string): boolean {
  const words = snakeWords(tool);
  if (READS_FIRST.test(words)) return false;
  return /(?:^|[_-])(?:delete|drop|remove|rm|destroy|purge|truncate|wipe|erase|reset|uninstall|terminate|flush|force_push|prune|nuke)(?:[_-]|$)/.test(
    words,
  );
}

/**
 * A tool name that says it sends or posts something others read (`send_message`, `slack_post_message`,
 * `reply_to_thread`, `sendEmail`; not `codex-reply`, which answers the agent's own session), after any read-only verb: what it sends leaves the machine under someone's name.
 */
export function isSendingTool(tool: string): boolean {
  const words = snakeWords(tool);
  if (READS_FIRST.test(words)) return false;
  return /(?:^|[_-])(?:send|post|reply[_-]to|broadcast|tweet|toot)(?:[_-]|$)/.test(words);
}
