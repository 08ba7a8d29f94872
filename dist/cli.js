#!/usr/bin/env node
import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import*as n from"node:module";import{setFlagsFromString as o}from"node:v8";function e(){o("--no-regexp-tier-up"),o("--no-opt")}e();n.enableCompileCache?.();await import("./cli-main.js");
