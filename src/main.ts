import * as core from '@actions/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { failsAt, lint } from './engine/lint.js';
import { toIsoDay } from './exceptions/dates.js';
import { InputError, readInputs } from './inputs.js';
import { PolicyLoadError } from './policy/load.js';
import { renderGithub } from './report/github.js';
import { renderSarif } from './report/sarif.js';
import { loadPolicy, loadRepository } from './repository.js';

/**
 * The action: checks the workspace, annotates every finding with workflow commands, writes SARIF for
 * code scanning and sets the outputs. Never throws; failures become `core.setFailed`.
 */
export async function run(): Promise<void> {
  try {
    const inputs = readInputs((name) => core.getInput(name));
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const root = resolve(workspace, inputs.workingDirectory);
    const policy = await loadPolicy(root, inputs.policy, { cwd: root, token: inputs.token, apiUrl: process.env.GITHUB_API_URL, log: (m) => core.info(m) });
    const repo = loadRepository(root);
    const result = lint({ files: repo.files, unreadable: repo.unreadable, policy, committedFiles: repo.committedFiles, today: toIsoDay(new Date()) });
    process.stdout.write(renderGithub(result));
    const sarifPath = resolve(workspace, inputs.sarifFile);
    mkdirSync(dirname(sarifPath), { recursive: true });
    writeFileSync(sarifPath, renderSarif(result));
    const errors = result.findings.filter((f) => f.level === 'error').length;
    core.setOutput('findings', String(result.findings.length));
    core.setOutput('errors', String(errors));
    core.setOutput('stale-exceptions', String(result.exceptions.filter((e) => e.status !== 'active').length));
    core.setOutput('sarif-file', sarifPath);
    if (failsAt(result.findings, inputs.failOn)) core.setFailed(`agent-policy: ${result.findings.length} finding(s) at or above "${inputs.failOn}".`);
  } catch (error) {
    if (error instanceof PolicyLoadError) {
      for (const e of error.errors) core.error(e.message, { file: e.file, startLine: e.line, startColumn: e.column, title: 'agent-policy: invalid policy' });
      core.setFailed('agent-policy: invalid policy; nothing was checked.');
    } else if (error instanceof InputError) core.setFailed(`agent-policy: ${error.message}`);
    else core.setFailed(`agent-policy: internal error: ${error instanceof Error ? error.message : String(error)}`);
  }
}
