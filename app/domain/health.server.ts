// /healthz asks the domain, not the client module, so routes keep to their layer.
export { databaseHealth } from '../../db/client.server'
export { replicaHealth } from '../../db/replica.server'
