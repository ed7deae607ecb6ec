/** One place for configuration: flags win over environment variables, which win over defaults. */
export interface ServerConfig {
  port: number; host: string; databaseUrl: string | undefined; dataDir: string;
  /** Where the keys are (never in the database): REFUGE_KEYS holds the JSON itself, else the file. */
  keyFile: string; keysJson: string | undefined;
  /** OpenID Connect providers (REFUGE_OIDC_PROVIDERS): a JSON array of {id, name, issuer, clientId, clientSecret, redirectUri}. */
  oidcProvidersJson: string | undefined;
  /** Reverse proxies whose X-Forwarded-* headers are believed (REFUGE_TRUST_PROXY: addresses or CIDRs, comma-separated). */
  trustProxy: string | undefined;
}

export function resolveConfig(flags: { port?: string; host?: string; databaseUrl?: string; dataDir?: string; keyFile?: string }, env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const portText = flags.port ?? env.PORT ?? '3000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`PORT must be a whole number from 0 to 65535, not "${portText}".`);
  return {
    port,
    // Loopback by default: expose it only behind a TLS-terminating proxy (session cookies are Secure over https).
    host: flags.host ?? env.HOST ?? '127.0.0.1',
    databaseUrl: flags.databaseUrl ?? (env.DATABASE_URL || undefined),
    dataDir: flags.dataDir ?? env.REFUGE_DATA_DIR ?? './data',
    keyFile: flags.keyFile ?? env.REFUGE_KEY_FILE ?? './refuge.keys.json',
    keysJson: env.REFUGE_KEYS || undefined,
    oidcProvidersJson: env.REFUGE_OIDC_PROVIDERS || undefined,
    trustProxy: env.REFUGE_TRUST_PROXY || undefined,
  };
}
