import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{F as g,G as w,L as y,e as c,f,g as o,h as m,k as h}from"./chunks/chunk-FAFZKSQ6.js";import{existsSync as k}from"node:fs";import{resolve as x}from"node:path";import{parseArgs as I}from"node:util";var l=`Usage: ${o} <command> [options]

Commands:
  check [DIR]   check the committed agent files of DIR (default: .)
  review [DIR]  the exception register: every exception, its owner, expiry and status
  init [DIR]    write a commented policy file to DIR/.github/agent-policy.yml
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
  --within DAYS                         review: report exceptions expiring within DAYS (default: the policy's)
  --repository NAME                     the repository's name when DIR is named otherwise (default: DIR's name);
                                        an absolute path through a folder of that name reads as its own checkout
  --help, --version

Environment: GITHUB_TOKEN and GITHUB_API_URL for central policies (owner/repo/path@ref).
Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it (review: an exception expired or
invalid; preflight: never), 2 usage error, invalid policy or internal error.
`;async function v(s,d){let t={...d,stderr:e=>d.stderr(w(e,{keepLineBreaks:!0}))},u;try{u=I({args:s,allowPositionals:!0,strict:!0,options:{policy:{type:"string"},format:{type:"string"},output:{type:"string"},"fail-on":{type:"string"},"min-confidence":{type:"string"},base:{type:"string"},within:{type:"string"},repository:{type:"string"},force:{type:"boolean"},help:{type:"boolean",short:"h"},version:{type:"boolean",short:"v"}}})}catch(e){return t.stderr(`${o}: ${e.message}

${l}`),2}let{values:n,positionals:$}=u;if(n.version)return t.stdout(`${m}
`),0;let[i,...p]=$;if(n.help||i==="help")return t.stdout(l),0;if(i===void 0)return t.stderr(l),2;try{if(p.length>1)throw new c(`${i} takes at most one directory (got ${p.join(" ")})`);let e=x(t.cwd,p[0]??".");if(!["check","review","init","rules","preflight"].includes(i))throw new c(`unknown command "${i}"`);let a=["check","review","preflight"].includes(i)&&k(e)?g(e):void 0,r=await import("./chunks/commands-J5J2MPG4.js");switch(i){case"check":return await r.runCheck(e,n,t,a);case"review":return await r.runReview(e,n,t,a);case"init":return r.runInit(e,n.force===!0,t);case"preflight":return await(await import("./chunks/preflight-O7KAGXQZ.js")).runPreflight(e,n,t,a);default:return t.stdout(r.ruleList()),0}}catch(e){if(e instanceof f)return t.stderr(`${o}: ${e.message}
`),2;if(e instanceof c)return t.stderr(`${o}: ${e.message}

${l}`),2;if(e instanceof h){let a=e.errors.map(r=>y(`${r.file}:${r.line}:${r.column}: ${r.message}`));return t.stderr(`${a.join(`
`)}
${o}: invalid policy; nothing was checked.
`),2}return t.stderr(`${o}: internal error: ${e instanceof Error?e.message:String(e)}
`),2}}process.exitCode=await v(process.argv.slice(2),{stdout:s=>process.stdout.write(s),stderr:s=>process.stderr.write(s),cwd:process.cwd(),isTTY:process.stdout.isTTY===!0,env:process.env,now:()=>new Date});
