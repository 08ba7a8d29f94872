#!/usr/bin/env node
import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import*as e from"node:module";import{setFlagsFromString as o}from"node:v8";o("--no-regexp-tier-up");e.enableCompileCache?.();await import("./cli-main.js");
