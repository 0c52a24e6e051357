/**
 * The server's log: stderr (stdout belongs to the protocol on stdio) and, once a client is connected,
 * `notifications/message` so the client can show it at the level it asked for.
 */
import type { McpServer } from '@modelcontextprotocol/server';
import type { LoggingLevel } from '@modelcontextprotocol/server';

export type LogLevel = Extract<LoggingLevel, 'debug' | 'info' | 'warning' | 'error'>;

export type ServerLog = (level: LogLevel, message: string) => void;

/** Where log lines go besides the client; tests pass their own to keep output quiet or to assert on it. */
export type LogSink = (line: string) => void;

export const stderrSink: LogSink = (line) => {
  process.stderr.write(`${line}\n`);
};

export function createServerLog(server: McpServer, sink: LogSink = stderrSink): ServerLog {
  return (level, message) => {
    sink(`[many-first mcp] ${level}: ${message}`);
    if (!server.isConnected()) return;
    // A client that disconnected mid-call makes this reject; the stderr line above already has the message.
    server.sendLoggingMessage({ level, logger: 'many-first', data: message }).catch(() => undefined);
  };
}
