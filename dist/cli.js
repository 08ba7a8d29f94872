#!/usr/bin/env node
import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import*as n from"node:module";import{setFlagsFromString as e}from"node:v8";function o(){e("--regexp-tier-up-ticks=0"),Number(process.versions.node.split(".")[0])>=22&&e("--no-opt")}o();n.enableCompileCache?.();await import("./cli-main.js");
