/**
 * The tables queries and mutations read and write: those of the engine DATABASE_URL names
 * (lib/env.ts), typed once for both (db/dialect/tables.ts). Import tables from here, row types and
 * the lists of allowed values from db/schema.ts.
 */
import { databaseEngine } from "@/lib/env";
import { tablesOf } from "./dialect/tables";

export const {
  partners,
  sources,
  agreements,
  agreementParties,
  agreementEvents,
  agreementEventSources,
  wtoRtaRecords,
  tariffEliminations,
  rounds,
  roundSources,
  users,
  updates,
  recordKeepers,
  tradeFigures,
  auditLog,
  loginAttempts,
  sessions,
} = tablesOf(databaseEngine);
