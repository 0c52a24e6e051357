/**
 * What a tool is: data (`name`, `config` with schemas and annotations) plus a handler that answers from the
 * project index. server.ts registers every definition the same way; tests read the same objects.
 */
import type { ToolAnnotations } from '@modelcontextprotocol/server';
import type { z } from 'zod';
import type { PathGuard } from '../path-guard.js';
import type { ProjectIndex } from '../project/project-index.js';

/** Every tool here only reads the project's files: the same answer for the same files, nothing outside. */
export const READ_ONLY_ANNOTATIONS = Object.freeze({
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
}) satisfies ToolAnnotations;

/** A request the tool cannot answer as asked; the message tells the model what to do instead. */
export class ToolInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolInputError';
  }
}

export interface ToolContext {
  /** The project index, refreshed for this call. */
  project: ProjectIndex;
  /** Confines any path the client passes to the project root. */
  guard: PathGuard;
}

export interface ToolAnswer<T> {
  /** Conforms to the tool's output schema; keys it does not declare are dropped before sending. */
  structuredContent: T;
  /** A compact, readable rendering of the same answer for clients that only show text. */
  text: string;
}

export interface ToolConfig<Input extends z.ZodObject, Output extends z.ZodObject> {
  title: string;
  /** Written for a model: when to use the tool, what it returns, what to call next. */
  description: string;
  inputSchema: Input;
  outputSchema: Output;
  annotations: ToolAnnotations;
}

export interface ToolDefinition<
  Input extends z.ZodObject = z.ZodObject,
  Output extends z.ZodObject = z.ZodObject,
> {
  name: string;
  config: ToolConfig<Input, Output>;
  /** Throws ToolInputError (or PathGuardError) for a request it cannot answer. */
  handler(
    args: z.output<Input>,
    context: ToolContext,
  ): ToolAnswer<z.input<Output>> | Promise<ToolAnswer<z.input<Output>>>;
}

/** Keeps a definition's schema types attached to its handler. */
export function defineTool<Input extends z.ZodObject, Output extends z.ZodObject>(
  definition: ToolDefinition<Input, Output>,
): ToolDefinition<Input, Output> {
  return definition;
}
