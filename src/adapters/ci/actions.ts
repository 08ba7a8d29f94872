/* eslint-disable @typescript-eslint/no-unused-vars -- an interface, implemented next */
import type { KeyPath } from '../../core/types.js';
import type { Table } from '../walk.js';
import type { MapContext } from '../shared/structured.js';

/** Who may start a run of a vendor's agent action, as its inputs say (`allowed_non_write_users: "*"`). */
export interface ActionTrigger {
  /** People or bots without write access to the repository may start it. */
  untrusted: boolean;
  path: KeyPath;
  evidence: string;
}

/** What a step using a vendor's agent action runs. */
export interface VendorStep {
  /** The agent's adapter id. */
  agent: string;
  /** The action as written in `uses:`. */
  action: string;
  triggers: ActionTrigger[];
}

/**
 * Facts of a workflow step that uses a vendor's agent action (`uses:` with its `with:` inputs, at `stepPath`);
 * undefined when the step's action starts no agent.
 */
export function addVendorAction(ctx: MapContext, step: Table, stepPath: KeyPath, scope: string): VendorStep | undefined {
  return undefined;
}
