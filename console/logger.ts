import { pino, type DestinationStream, type Logger } from 'pino';

/** Structured JSON logs. Anything that could carry a secret is redacted before it is written. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'dcops' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['password', '*.password', 'token', '*.token', 'cookie', '*.cookie', 'authorization', '*.authorization', 'csrfToken', '*.csrfToken', 'generatedPassword'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
