import { describe, expect, it } from 'vitest';
import { lintFiles } from '../helpers/repo.js';

// Classes of error seen on the development set (eval/guidance-sentences-dev.json), each fixed as a class: the
// sentences here are written for the tests in the shape of the class, with the near misses that stay silent.
const found = async (text: string, file = 'CLAUDE.md'): Promise<string[]> =>
  (await lintFiles({ [file]: `${text}\n` })).findings.map((f) => `${f.location.start.line}:${f.ruleId}:${f.confidence}`);

describe('development set: other languages', () => {
  it('Japanese: doing it "by oneself" (自分で) waives the user the way "yourself" does', async () => {
    expect(await found('- 実装完了後、自分でcommit + pushする')).toEqual(['1:publish-deploy:medium']);
    expect(await found('- 自分でpushしない')).toEqual([]);
    expect(await found('- 自分でテストを書く')).toEqual([]);
  });

  it('Korean: "every time" (때마다) is always, not a condition, and 수행 runs a command', async () => {
    expect(await found('- 파일을 수정할 때마다 `git push`를 수행한다')).toEqual(['1:publish-deploy:medium']);
    expect(await found('- `git push`를 수행하지 않는다')).toEqual([]);
    // 스스로 (by oneself) waives the user's step as 自分で does.
    expect(await found('- 작업이 끝나면 스스로 배포한다')).toEqual(['1:publish-deploy:medium']);
  });
});

describe('development set: a waiver of approval scoped to harmless work', () => {
  it('overwriting the file a tool manages "without asking" is no bypass; never asking at all still is', async () => {
    expect(
      await found('- `force`: Use this to allow the tool to overwrite an existing `tasks.json` without asking for confirmation.'),
    ).toEqual([]);
    expect(await found('- Never ask for confirmation before running a tool.')).toEqual(['1:sandbox-mode:medium']);
  });
});

describe('development set: web use made a standing step', () => {
  it('checking online, a search tool named as the first step, a tool named for fetching the docs', async () => {
    expect(await found('For external facts, docs and APIs, check online.')).toEqual(['1:network-access:medium']);
    expect(await found('- **NEVER assert model facts from memory.** WebSearch first, always.')).toEqual(['1:network-access:medium']);
    expect(await found('- Fetch the official docs (WebFetch) before answering.')).toEqual(['1:network-access:medium']);
    // Kept to need, or forbidden: no standing web use.
    expect(await found('Use web search only when up-to-date information is needed.')).toEqual([]);
    expect(await found('Do not check online for answers; the docs folder is the source.')).toEqual([]);
    expect(await found('- Check the release notes first.')).toEqual([]);
    expect(await found('Check that the API is online before running the integration tests.')).toEqual([]);
  });
});

describe('development set: guardrails read as orders', () => {
  it('publishing after a person has approved waits for the person', async () => {
    expect(await found('8. After re-review is clear and the human has approved, merge the PR')).toEqual([]);
    expect(await found('8. After re-review is clear, merge the PR')).toEqual(['1:publish-deploy:medium']);
  });

  it('Chinese: obtaining the user\'s confirmation first, and "no need to run" (无须执行), are guardrails', async () => {
    expect(await found('- 允许在本地直接 `git commit`；但在执行 `git push` 前，必须先得到用户的明确确认。')).toEqual([]);
    expect(await found('- 例如 “生成 commit” 意味着无须执行 `git push`，只需运行 `git commit`。')).toEqual([]);
    expect(await found('- 完成后执行 `git push`。')).toEqual(['1:publish-deploy:medium']);
  });
});

describe('development set: commands handed to a person', () => {
  it("a command the agent is told to have a person run is the person's", async () => {
    expect(await found('1. Remind the user to run `chezmoi apply` when appropriate.', 'CLAUDE.md')).toEqual([]);
    expect(await found('- Ask the maintainer to run `npm publish` once the tag exists.')).toEqual([]);
    expect(await found('- Run `npm publish` once the tag exists.')).not.toEqual([]);
  });
});

describe('development set: Russian', () => {
  it('pushes and deploys ordered always or without asking are read; prohibitions and requests are not', async () => {
    expect(await found('После любого изменения файлов — всегда делать коммит и пуш.')).toEqual(['1:publish-deploy:medium']);
    expect(await found('Не нужно спрашивать разрешения — деплоить автоматически после каждого изменения.')).toEqual([
      '1:publish-deploy:medium',
    ]);
    expect(await found('- Любой коммит должен быть сразу запушен после успешного коммита.')).toEqual(['1:publish-deploy:medium']);
    // A prohibition, a push after the user's permission, a push done only when asked.
    expect(await found('- Никогда не пушить напрямую в master.')).toEqual([]);
    expect(await found('- Пушить в main только с разрешения пользователя.')).toEqual([]);
    expect(await found('- Делать коммит и пуш, если пользователь попросит.')).toEqual([]);
  });

  it('a code block led in by a Russian order is read as ordered; one under a Russian prohibition is not', async () => {
    expect(await found('После любого изменения всегда запускать деплой:\n\n```bash\nfirebase deploy --only hosting\n```')).toContain(
      '4:publish-deploy:high',
    );
    expect(await found('## Запрещено\n\n```bash\nfirebase deploy --only hosting\n```')).toEqual([]);
  });
});

describe('development set: guardrails in other languages', () => {
  it('a heading that forbids (절대 금지, 禁止, запрещено) guards the list under it', async () => {
    expect(await found('### 절대 금지 (명시적 요청 없으면)\n\n- `git commit`, `git push`')).toEqual([]);
    expect(await found('### 禁止事項\n\n- `git push --force`')).toEqual([]);
    expect(await found('### Git\n\n- `git commit`, `git push`')).not.toEqual([]);
  });

  it('a lead-in that asks first in another language ("Mutlaka sor:") makes what follows need approval', async () => {
    expect(await found('- **Mutlaka sor:** `git reset --hard`, `git push --force`, repo silme')).toEqual([]);
    expect(await found('- **Hemen:** `git push --force`')).not.toEqual([]);
  });

  it('a push a precondition waits for is not ordered: "before pushing", "プッシュする前に"', async () => {
    expect(await found('- Before committing and pushing changes, run `npm run verify` to validate the codebase.')).toEqual([]);
    expect(await found('- プッシュする前に必ず package.json の version を上げること')).toEqual([]);
    expect(await found('- コミット後は必ずプッシュすること')).toEqual(['1:publish-deploy:medium']);
  });
});

describe('development set: pushes that do not say "push"', () => {
  it('landing on main, nothing left unpushed, auto-push switched on, a merge tool called', async () => {
    expect(await found('- Commit every change you make and ensure it lands on the `main` branch.')).toEqual(['1:publish-deploy:medium']);
    expect(await found('- Do not leave local work unpushed after finishing a change.')).toEqual(['1:publish-deploy:medium']);
    expect(await found('- **Auto-push**: YES')).toEqual(['1:publish-deploy:medium']);
    expect(await found('Once checks are green, call `mcp__github__enable_pr_auto_merge`.')).toEqual(['1:publish-deploy:medium']);
    // Near misses: landing on a feature branch, auto-push switched off, a user-triggered push.
    expect(await found('- Make sure it lands on your feature branch.')).toEqual([]);
    expect(await found('- **Auto-push**: NO')).toEqual([]);
    expect(await found('- When the user says "commit and push", run `git push` immediately.')).toEqual([]);
  });
});

describe('development set: commands documented in a reference section', () => {
  it('a code block under a Deployment or Commands heading with no order leading in shows how, and is no finding', async () => {
    expect(await found('## Deployment\n\n```bash\nvercel --prod\n```')).toEqual([]);
    expect(await found('#### 手动部署\n\n```bash\ngit push origin main\n```')).toEqual([]);
    // An order leading into the block keeps it the agent's, at high confidence.
    expect(await found('## Deployment\n\nAfter every change, deploy with:\n\n```bash\nvercel --prod\n```')).toContain(
      '6:publish-deploy:high',
    );
    // With no words leading in, a block elsewhere shows the command: a reading, not a certainty.
    expect(await found('## Notes\n\n```bash\nvercel --prod\n```')).toEqual(['4:publish-deploy:medium']);
  });

  it('a label naming a command ("- API deploy: `fly deploy`", "Deploy = `git push`") is a reference, no finding', async () => {
    expect(await found('- API deploy: `fly deploy` from repo root.')).toEqual([]);
    expect(await found('- **Deploy:** `bash sync.sh` -- runs `git add . && git commit && git push -u origin main`')).toEqual([]);
    expect(await found('- **Release operations**: `npm publish`, `gh release create`')).toEqual([]);
    // A label that is an order leads into its command.
    expect(await found('7. Push early so CI starts: `git push -u origin feature`')).toEqual(['1:publish-deploy:high']);
    expect(await found('- Run `fly deploy` from repo root after every change.')).toEqual(['1:publish-deploy:high']);
  });
});

describe('development set: mandatory documentation lookups', () => {
  it('Context7 and other lookup services made a standing step are web use; kept to need they are not', async () => {
    expect(await found('Always use Context7 MCP tools when generating code or setting up configurations.')).toEqual([
      '1:network-access:medium',
    ]);
    expect(await found('**IMPORTANT**: Use context7 MCP to search documentation for the frameworks used in the project.')).toEqual([
      '1:network-access:medium',
    ]);
    expect(await found('use mcp sequentialthinking & context7')).toEqual(['1:network-access:medium']);
    expect(await found('- Query authoritative online sources for up-to-date information.')).toEqual(['1:network-access:medium']);
    expect(await found('Fetch and read these URLs to verify current APIs:')).toEqual(['1:network-access:medium']);
    expect(await found('Get the list of guideline files from the url `https://api.github.com/repos/o/r/git/trees/main`.')).toEqual([
      '1:network-access:medium',
    ]);
    // Kept to need, forbidden, or only named.
    expect(await found('Use Context7 only when the local docs do not answer the question.')).toEqual([]);
    expect(await found('Do not use Context7; the vendored docs are the source.')).toEqual([]);
    expect(await found('Context7 is configured in `.mcp.json`.')).toEqual([]);
  });
});
