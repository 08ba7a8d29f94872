/**
 * Agent configs kept in a dotfiles repository, under the names the repository's installer turns into the
 * agent's own path: chezmoi's source state (`dot_codex/private_config.toml.tmpl` → `~/.codex/config.toml`,
 * https://chezmoi.io/reference/source-state-attributes/), GNU Stow's `--dotfiles` (`dot-codex/config.toml`),
 * yadm's alternate files, whose repository is the home folder (`.claude/settings.json##os.Linux` →
 * `~/.claude/settings.json`, https://yadm.io/docs/alternates), or a plain folder named after the agent
 * (`config/codex/config.toml`). Pure, on names only.
 */

/** How a repository file reaches the agent's path. */
export type InstalledBy = 'chezmoi' | 'stow' | 'yadm' | 'folder' | 'variant';

export interface Installed {
  /** The repository path with the dotfiles names turned into the agent's (`home/.codex/config.toml`), for globs. */
  path: string;
  /** Where the agent reads it: `~/.codex/config.toml`, or for a variant the agent's file it stands for. */
  target: string;
  by: InstalledBy;
  /** A chezmoi template: Go template actions (`{{ … }}`) stand in the text. */
  template: boolean;
}

/** Agents whose user folder is `~/.<agent>`: a folder with the bare name in a dotfiles repository stands for it. */
const AGENT_FOLDERS = new Set(['codex', 'claude', 'gemini', 'qwen']);

// chezmoi's prefix attributes, in the order they may stand; after `literal_` nothing more is an attribute.
const CHEZMOI_ATTRIBUTES =
  /^(?:(?:after|before|create|empty|encrypted|exact|executable|external|modify|once|onchange|private|readonly|remove|run|symlink)_)*/i;
// Attributes whose source is not the file's content: a script, a link, a removal or encrypted bytes.
const NOT_CONTENT = /(?:^|_)(?:after|before|encrypted|modify|once|onchange|remove|run|symlink)_/i;
/** A chezmoi folder for a dotfile: attributes, then `dot_` (`private_dot_codex`). */
const CHEZMOI_DOT_FOLDER = /^(?:(?:exact|external|private|readonly)_)*dot_./i;
/** Whether a path can be in a dotfiles layout at all: one cheap test before any splitting. */
const MAYBE =
  /(?:^|\/)(?:[a-z]+_)*dot[_-]|(?:^|\/)(?:codex|claude|gemini|qwen)\/|\.chezmoitemplates\/|\.codex\/[^/]*config[^/]*\.toml$|##/i;
/** A yadm alternate's name: the name, then `##` and its conditions (`os.Linux`, `class.Work,hostname.laptop`, `template`). */
const YADM_ALTERNATE = /^(.+?)##(.+)$/;
/** yadm's template conditions: the file is processed by a template engine before it is linked. */
const YADM_TEMPLATE = /^(?:t|template)(?:\.|$)/i;
/** A Codex config kept beside the real one: `config.base.toml`, `work.config.toml`, `.config.toml`. */
const CODEX_CONFIG_VARIANT = /^\.?(?:[^/.]+\.)?config(?:\.[^/.]+)?\.toml$/i;
/** A shared chezmoi template named after the agent and its file: `codex-config.toml`, `claude_settings.json`. */
const TEMPLATE_NAME = /^(codex|claude|gemini|qwen)[-_.](.+)$/i;

/** One chezmoi source name as its target name, or undefined when the source is not the target's content. */
function chezmoiName(name: string, file: boolean): string | undefined {
  const literal = /^((?:[a-z]+_)*?)literal_(.*)$/i.exec(name);
  const head = literal ? literal[1]! : name;
  const attributes = CHEZMOI_ATTRIBUTES.exec(head)![0];
  if (file && NOT_CONTENT.test(`_${attributes}`)) return undefined;
  if (/(?:^|_)remove_/i.test(`_${attributes}`)) return undefined;
  let rest = literal ? literal[2]! : head.slice(attributes.length);
  if (!literal && /^dot_/i.test(rest)) rest = `.${rest.slice(4)}`;
  if (file) rest = rest.replace(/\.tmpl$/i, '').replace(/\.literal$/i, '');
  return rest === '' ? undefined : rest;
}

/** The mapping, without the one-entry memo. */
function map(path: string, folder: boolean): Installed | undefined {
  if (!MAYBE.test(folder ? `${path}/` : path)) return undefined;
  const names = path.split('/');
  if (path.includes('##')) return yadm(names);
  const last = folder ? names.length : names.length - 1;
  let by: InstalledBy | undefined;
  let start = -1;
  let template = false;
  for (let i = 0; i < last && by === undefined; i++) {
    const name = names[i]!;
    if (name.toLowerCase() === '.chezmoitemplates' && !folder && i === names.length - 2) {
      // A shared template: only its name says what it becomes.
      const named = TEMPLATE_NAME.exec(names[i + 1]!);
      if (!named) return undefined;
      names.splice(i, 2, `.${named[1]!.toLowerCase()}`, named[2]!.replace(/\.tmpl$/i, ''));
      return finish(names, i, 'chezmoi', true);
    }
    if (CHEZMOI_DOT_FOLDER.test(name)) [by, start] = ['chezmoi', i];
    else if (/^dot-./i.test(name)) [by, start] = ['stow', i];
  }
  // A folder named after the agent only when no installer's name says more (`codex/dot-codex/config.toml`).
  for (let i = 0; i < last && by === undefined; i++) if (AGENT_FOLDERS.has(names[i]!.toLowerCase())) [by, start] = ['folder', i];
  if (by === undefined) return variant(names);
  for (let i = start; i < names.length; i++) {
    const name = names[i]!;
    const file = !folder && i === names.length - 1;
    if (by === 'chezmoi') {
      if (file && /\.tmpl$/i.test(name)) template = true;
      const mapped = chezmoiName(name, file);
      if (mapped === undefined) return undefined;
      names[i] = mapped;
    } else if (by === 'stow') {
      if (/^dot-./i.test(name)) names[i] = `.${name.slice(4)}`;
    } else if (i === start) names[i] = `.${name}`;
  }
  if (!folder) {
    const asVariant = variant(names);
    if (asVariant) names[names.length - 1] = asVariant.path.slice(asVariant.path.lastIndexOf('/') + 1);
  }
  return finish(names, start, by, template);
}

/**
 * A path with yadm alternates in it: each name that carries conditions stands for the name before its `##`, as
 * yadm links the alternate that fits the machine; the repository is the home folder. A template alternate is
 * rendered first: its actions stand in the text.
 */
function yadm(names: string[]): Installed | undefined {
  let template = false;
  for (const [i, name] of names.entries()) {
    const m = YADM_ALTERNATE.exec(name);
    if (!m) continue;
    names[i] = m[1]!;
    if (m[2]!.split(',').some((condition) => YADM_TEMPLATE.test(condition.trim()))) template = true;
  }
  return finish(names, 0, 'yadm', template);
}

function finish(names: string[], start: number, by: InstalledBy, template: boolean): Installed {
  return { path: names.join('/'), target: `~/${names.slice(start).join('/')}`, by, template };
}

/** A Codex config variant in a `.codex` folder, read as `.codex/config.toml`. */
function variant(names: readonly string[]): Installed | undefined {
  const name = names.at(-1)!;
  if (names.length < 2 || names.at(-2)!.toLowerCase() !== '.codex' || !CODEX_CONFIG_VARIANT.test(name)) return undefined;
  if (name.toLowerCase() === 'config.toml') return undefined;
  const folder = names.slice(0, -1).join('/');
  return { path: `${folder}/config.toml`, target: '.codex/config.toml', by: 'variant', template: false };
}

let lastPath: string | undefined;
let lastFolder = false;
let lastOut: Installed | undefined;

/**
 * What a repository file (or, with `folder`, a folder) in a dotfiles layout is installed as; undefined for a
 * path in no such layout, or a source that is not the file's content (a chezmoi `modify_` script, a
 * `symlink_`, an `encrypted_` file). Every agent glob tests the same path in turn, so the last answer is kept.
 */
export function installedAs(path: string, folder = false): Installed | undefined {
  if (path === lastPath && folder === lastFolder) return lastOut;
  lastOut = map(path, folder);
  lastPath = path;
  lastFolder = folder;
  return lastOut;
}

/** Which control action a `{{ … }}` is: one that opens a block, `else`, `end`, or none. */
function controlOf(action: string): 'open' | 'else' | 'end' | undefined {
  const word = /^\{\{-?\s*(if|with|range|block|define|else|end)\b/.exec(action)?.[1];
  return word === undefined ? undefined : word === 'else' ? 'else' : word === 'end' ? 'end' : 'open';
}

/**
 * A chezmoi template's text with every action (`{{ … }}`, comments and trim markers included) blanked out,
 * lines and columns kept, so that what remains parses as the file it renders to. An action where a value
 * belongs (after `=` or `:` on its line) becomes `0` so the setting still has one. With `firstBranch`, the
 * text of every `{{ else }}` branch is blanked too: both branches of an `{{ if }}` often set the same key.
 * One pass, linear.
 */
export function blankTemplateActions(text: string, firstBranch = false): string {
  const blank = (part: string): string => part.replace(/[^\n]/g, ' ');
  // Per open block, whether its text is blanked (an else branch); `hidden` counts the blanked ones.
  const blocks: boolean[] = [];
  let hidden = 0;
  let out = '';
  let from = 0;
  for (;;) {
    const open = text.indexOf('{{', from);
    if (open < 0) break;
    const close = text.indexOf('}}', open + 2);
    const end = close < 0 ? text.length : close + 2;
    const between = text.slice(from, open);
    out += hidden > 0 ? blank(between) : between;
    const action = text.slice(open, end);
    const atValue = hidden === 0 && /[=:][ \t]*$/.test(out.slice(Math.max(0, out.length - 40))) && !action.includes('\n');
    out += atValue ? `0${blank(action).slice(1)}` : blank(action);
    if (firstBranch) {
      const control = controlOf(action);
      if (control === 'open') blocks.push(false);
      else if (control === 'else' && blocks.length > 0 && !blocks[blocks.length - 1]) {
        blocks[blocks.length - 1] = true;
        hidden++;
      } else if (control === 'end' && blocks.length > 0 && blocks.pop()) hidden--;
    }
    from = end;
  }
  const rest = text.slice(from);
  return out + (hidden > 0 ? blank(rest) : rest);
}
