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
