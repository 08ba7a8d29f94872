/** An edit before its positions are known. */
export interface Edit {
  offset: number;
  length: number;
  text: string;
}

/** What a format's fixer makes of one finding. */
export interface FixPlan {
  edits: Edit[];
  description: string;
  sensitive?: true;
}
