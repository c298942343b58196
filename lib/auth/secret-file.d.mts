export const AUTH_SECRET_MIN_LENGTH: number;
export function authSecretFile(databasePath: string): string;
export function loadAuthSecret(databasePath: string, fromEnv?: string | undefined, databaseUrl?: string | undefined): string;
