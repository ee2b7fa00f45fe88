import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { LoginLimiters, WriteLimiter } from '../auth/rate-limit.js';
import type { Clock } from '../clock.js';
import type { Actor, DomainEvents, ServiceContext } from '../context.js';
import type { Db } from '../db/open.js';
import type { Config } from '../env.js';
import type { SessionInfo, TokenInfo } from '../services/auth/session.js';
import type { InfraDeps } from '../services/runs/desired-state.js';

export interface AppDeps {
  db: Db;
  clock: Clock;
  config: Config;
  logger: Logger;
  registry: Registry;
  limiters: LoginLimiters;
  /** Substitutes for synthesis and the terraform runner (tests); the real ones by default. */
  infra?: Omit<InfraDeps, 'dataDir'>;
  /** How far behind the event loop is, in ms: `eventLoopBacklog()` on a real server, a stand-in in tests; without it overload is judged by requests in flight only. */
  eventLoopDelayMs?: () => number;
  /** Set by createApp from the metrics it registers. */
  events?: DomainEvents;
  /** Set by createApp: refusals of sign-ins and writes, counted in the metrics. */
  security?: SecurityEvents;
  /** Set by createApp from the configuration: writes per account. */
  writeLimiter?: WriteLimiter;
}

export interface SecurityEvents {
  signInFailed(reason: 'credentials' | 'second_factor'): void;
  signInThrottled(limit: 'account_address' | 'address'): void;
  writeThrottled(): void;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    actor: Actor | null;
    session: SessionInfo | null;
    token: TokenInfo | null;
  };
}
export type { ServiceContext };
