import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{g as a,h as b,i as c,j as d,k as e,l as f,m as g}from"./chunk-NWLPVMWH.js";import"./chunk-FAFZKSQ6.js";export{a as choose,d as emit,c as evaluate,b as ruleList,e as runCheck,g as runInit,f as runReview};
