// What a new workflow row starts with: the machine's persisted initial
// snapshot, its state value and the machine's version. The caller computes it
// (workflows/snapshot.ts `initialRow`), so query modules never import workflows.
export type InitialWorkflowRow = { snapshot: unknown; state: string; machineVersion: string }
