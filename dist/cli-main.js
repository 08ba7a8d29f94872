import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{B as x,a as w,v as l,w as y}from"./chunks/chunk-PQFMNGR6.js";import{e as o,f as m,g as a,h as g}from"./chunks/chunk-V7ZGCKNK.js";import{existsSync as I}from"node:fs";import{resolve as $}from"node:path";import{parseArgs as b}from"node:util";var f=`Usage: ${a} <command> [options]

Commands:
  check [DIR]   check the committed agent files of DIR (default: .)
  review [DIR]  the exception register: every exception, its owner, expiry and status
  init [DIR]    write a commented policy file to DIR/.github/agent-policy.yml; with --agent NAME (codex,
                claude, gemini, aider, vscode) a compliant starting config for that agent instead
  fix [DIR]     apply the safe automatic fixes of config findings, keeping comments and layout
  rules         list the rules with their docs links
  preflight [DIR]
                the guide's checklist answered per agent from the committed files of DIR (exit 0:
                a report, not a gate)

Options:
  --policy FILE                         policy file, or owner/repo/path@ref (default: .github/agent-policy.yml,
                                        .agent-policy.yml, or the embedded default)
  --format text|json|sarif|github       output format (check; default: text)
  --format text|json|sarif|markdown     output format (review; default: text)
  --format text|markdown|json           output format (preflight; default: text)
  --output FILE                         write the report to FILE instead of standard output
  --fail-on error|warning|notice|never  lowest level that makes the exit code 1 (check; default: error)
  --min-confidence high|medium|low      least certain guidance reading that counts against --fail-on (check;
                                        default: the policy's settings.guidance-min-confidence)
  --base REV                            compare with the repository at REV: only new and updated findings fail
  --fix                                 check: apply the safe fixes first, then report what remains
  --dry-run                             fix: print the fixes as a unified diff, change nothing
  --rule ID, --path GLOB                fix: only findings of these rules, in files matching these globs (repeatable)
  --within DAYS                         review: report exceptions expiring within DAYS (default: the policy's)
  --repository NAME                     the repository's name when DIR is named otherwise (default: DIR's name);
                                        an absolute path through a folder of that name reads as its own checkout
  --help, --version

Environment: GITHUB_TOKEN and GITHUB_API_URL for central policies (owner/repo/path@ref).
Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it (review: an exception expired or
invalid; preflight: never), 2 usage error, invalid policy or internal error.
`;async function v(s,u){let r={...u,stderr:e=>u.stderr(y(e,{keepLineBreaks:!0}))},d;try{d=b({args:s,allowPositionals:!0,strict:!0,options:{policy:{type:"string"},format:{type:"string"},output:{type:"string"},"fail-on":{type:"string"},"min-confidence":{type:"string"},base:{type:"string"},within:{type:"string"},repository:{type:"string"},force:{type:"boolean"},fix:{type:"boolean"},agent:{type:"string"},"dry-run":{type:"boolean"},rule:{type:"string",multiple:!0},path:{type:"string",multiple:!0},help:{type:"boolean",short:"h"},version:{type:"boolean",short:"v"}}})}catch(e){return r.stderr(`${a}: ${e.message}

${f}`),2}let{values:t,positionals:k}=d;if(t.version)return r.stdout(`${g}
`),0;let[i,...p]=k;if(t.help||i==="help")return r.stdout(f),0;if(i===void 0)return r.stderr(f),2;try{if(p.length>1)throw new o(`${i} takes at most one directory (got ${p.join(" ")})`);let e=$(r.cwd,p[0]??".");if(!["check","review","init","rules","preflight","fix"].includes(i))throw new o(`unknown command "${i}"`);if(!(i==="fix"||i==="check"&&t.fix===!0)&&(t["dry-run"]||t.rule||t.path))throw new o("--dry-run, --rule and --path go with fix");if(t.fix&&i!=="check")throw new o("--fix goes with check");if(t.agent!==void 0&&i!=="init")throw new o("--agent goes with init");let n=["check","review","preflight","fix"].includes(i)&&I(e)?l(e):void 0,c=await import("./chunks/commands-ROSZWDEU.js");switch(i){case"check":return t.fix?(await(await import("./chunks/fix-AV3OQO3L.js")).applyFixesBeforeCheck(e,t,r,n),await c.runCheck(e,t,r,l(e))):await c.runCheck(e,t,r,n);case"fix":return await(await import("./chunks/fix-AV3OQO3L.js")).runFix(e,t,r,n);case"review":return await c.runReview(e,t,r,n);case"init":return t.agent!==void 0?(await import("./chunks/init-agent-TUKZKATR.js")).runInitAgent(e,t.agent,t.force===!0,r):c.runInit(e,t.force===!0,r);case"preflight":return await(await import("./chunks/preflight-3SVZKNN4.js")).runPreflight(e,t,r,n);default:return r.stdout(c.ruleList()),0}}catch(e){if(e instanceof m)return r.stderr(`${a}: ${e.message}
`),2;if(e instanceof o)return r.stderr(`${a}: ${e.message}

${f}`),2;if(e instanceof w){let h=e.errors.map(n=>x(`${n.file}:${n.line}:${n.column}: ${n.message}`));return r.stderr(`${h.join(`
`)}
${a}: invalid policy; nothing was checked.
`),2}return r.stderr(`${a}: internal error: ${e instanceof Error?e.message:String(e)}
`),2}}process.exitCode=await v(process.argv.slice(2),{stdout:s=>process.stdout.write(s),stderr:s=>process.stderr.write(s),cwd:process.cwd(),isTTY:process.stdout.isTTY===!0,env:process.env,now:()=>new Date});
