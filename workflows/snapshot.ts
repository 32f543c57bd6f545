import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate'
import { workflows, type Entity } from './definitions'

/** What a new workflow row stores: snapshot, state column, machine version. */
export function initialRow(entity: Entity) {
  const def = workflows[entity]
  const [snapshot] = initialTransition(def.machine)
  return { snapshot: persist(entity, snapshot), state: String(snapshot.value), machineVersion: def.version }
}

export function persist(entity: Entity, snapshot: AnyMachineSnapshot): PersistedSnapshot {
  return workflows[entity].machine.getPersistedSnapshot(snapshot) as unknown as PersistedSnapshot
}

export type PersistedSnapshot = { value: string; context: Record<string, unknown>; status: string }

export function restore(entity: Entity, persisted: PersistedSnapshot): AnyMachineSnapshot {
  return workflows[entity].machine.resolveState({ value: persisted.value, context: persisted.context })
}

/** Event types the machine has a transition for in this state (guards aside). */
export function eventsInState(entity: Entity, state: string): string[] {
  const machine = workflows[entity].machine
  const node = machine.getStateNodeById(`${machine.id}.${state}`)
  return node.ownEvents
}

/**
 * The persisted row after a sequence of events, computed purely (for demo
 * data and tests); an event the machine refuses is an error.
 */
export function rowAfter(entity: Entity, events: { type: string; [key: string]: unknown }[]) {
  const def = workflows[entity]
  let [snapshot] = initialTransition(def.machine)
  for (const event of events) {
    if (!snapshot.can(event)) throw new Error(`${entity}: ${event.type} refused in ${String(snapshot.value)}`)
    ;[snapshot] = transition(def.machine, snapshot, event)
  }
  return { snapshot: persist(entity, snapshot), state: String(snapshot.value), machineVersion: def.version }
}
