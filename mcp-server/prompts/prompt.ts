/**
 * What a prompt is: data (`name`, `config` with completable string arguments) plus a builder that turns the
 * arguments and the project index into messages. prompts/index.ts registers every definition alike.
 */
import type { GetPromptResult } from '@modelcontextprotocol/server';
import type { z } from 'zod';
import type { ProjectIndex } from '../project/project-index.js';

/** Prompt arguments are strings on the wire; each may be completable. */
export type PromptArgsShape = Record<string, z.ZodType<string | undefined>>;

export interface PromptDefinition<Args extends PromptArgsShape = PromptArgsShape> {
  name: string;
  config: { title: string; description: string; argsSchema: Args };
  /** Throws ToolInputError for an argument it cannot use (an unknown table); the client sees the message. */
  build(args: { [Key in keyof Args]: z.output<Args[Key]> }, project: ProjectIndex): GetPromptResult;
}

export function definePrompt<Args extends PromptArgsShape>(
  definition: PromptDefinition<Args>,
): PromptDefinition<Args> {
  return definition;
}

/** A one-message prompt from the user's side. */
export function userPrompt(description: string, text: string): GetPromptResult {
  return { description, messages: [{ role: 'user', content: { type: 'text', text } }] };
}
