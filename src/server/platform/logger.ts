import { pino, type Logger } from 'pino';
import type { Config } from './config.ts';

/** The process logger; request loggers are children carrying the request id. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'tongban' },
    redact: {
      // Never log credentials or personal numbers, whatever route they arrive on.
      paths: ['req.headers.cookie', 'req.headers.authorization', '*.password', '*.currentPassword', '*.newPassword', '*.idNumber', '*.phone'],
      censor: '[redacted]',
    },
  });
}
