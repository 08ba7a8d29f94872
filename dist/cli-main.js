import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{A as h,e as a,f as u,g as o,h as f,k as m}from"./chunks/chunk-JF3B3J5M.js";import{existsSync as y}from"node:fs";import{resolve as v}from"node:path";import{parseArgs as x}from"node:util";var c=`Usage: ${o} <command> [options]

Commands:
  check [DIR]   check the committed agent files of DIR (default: .)
  review [DIR]  the exception register: every exception, its owner, expiry and status
  init [DIR]    write a commented policy file to DIR/.github/agent-policy.yml
  rules         list the rules with their docs links

Options:
  --policy FILE                         policy file, or owner/repo/path@ref (default: .github/agent-policy.yml,
                                        .agent-policy.yml, or the embedded default)
  --format text|json|sarif|github       output format (check; default: text)
  --format text|json|sarif|markdown     output format (review; default: text)
  --output FILE                         write the report to FILE instead of standard output
  --fail-on error|warning|notice|never  lowest level that makes the exit code 1 (check; default: error)
  --base REV                            compare with the repository at REV: only new and updated findings fail
  --within DAYS                         review: report exceptions expiring within DAYS (default: the policy's)
  --help, --version

Environment: GITHUB_TOKEN and GITHUB_API_URL for central policies (owner/repo/path@ref).
Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it (review: an exception expired or
invalid), 2 usage error, invalid policy or internal error.
`;async function w(n,t){let l;try{l=x({args:n,allowPositionals:!0,strict:!0,options:{policy:{type:"string"},format:{type:"string"},output:{type:"string"},"fail-on":{type:"string"},base:{type:"string"},within:{type:"string"},force:{type:"boolean"},help:{type:"boolean",short:"h"},version:{type:"boolean",short:"v"}}})}catch(e){return t.stderr(`${o}: ${e.message}

${c}`),2}let{values:i,positionals:g}=l;if(i.version)return t.stdout(`${f}
`),0;let[r,...d]=g;if(i.help||r==="help")return t.stdout(c),0;if(r===void 0)return t.stderr(c),2;try{if(d.length>1)throw new a(`${r} takes at most one directory (got ${d.join(" ")})`);let e=v(t.cwd,d[0]??".");if(!["check","review","init","rules"].includes(r))throw new a(`unknown command "${r}"`);let p=(r==="check"||r==="review")&&y(e)?h(e):void 0,s=await import("./chunks/cli-commands-R3SYLQMW.js");switch(r){case"check":return await s.runCheck(e,i,t,p);case"review":return await s.runReview(e,i,t,p);case"init":return s.runInit(e,i.force===!0,t);default:return t.stdout(s.ruleList()),0}}catch(e){return e instanceof u?(t.stderr(`${o}: ${e.message}
`),2):e instanceof a?(t.stderr(`${o}: ${e.message}

${c}`),2):e instanceof m?(t.stderr(`${e.message}
${o}: invalid policy; nothing was checked.
`),2):(t.stderr(`${o}: internal error: ${e instanceof Error?e.message:String(e)}
`),2)}}process.exitCode=await w(process.argv.slice(2),{stdout:n=>process.stdout.write(n),stderr:n=>process.stderr.write(n),cwd:process.cwd(),isTTY:process.stdout.isTTY===!0,env:process.env,now:()=>new Date});
