/**
 * How Google Gen AI SDK requests are written: `models.generateContent({ model, contents, config })`,
 * chat sessions (`chats.create({ model, config, history })` then `sendMessage({ message, config })`)
 * and the Interactions API (`interactions.create({ model | agent, input, system_instruction,
 * generation_config, previous_interaction_id })`).
 */
import { Node } from 'ts-morph';
import type { StructuredOutput } from '../../../model';
import { exprText } from '../../resolve/common';
import type { EvalState } from '../../resolve/common';
import { followToLiteral } from '../../resolve/objects';
import { addContent, addMessages, addSystem } from '../../resolve/prompt';
import type { PromptBuilder } from '../../resolve/prompt';
import { firstOf, objectAt, readPath, singleString } from '../../resolve/params';
import type { RequestObject } from '../../resolve/params';
import type { RequestFields, RequestShape } from '../../resolve/request';
import { describeSchema } from '../../resolve/schema';

/** `models.generateContent` / `generateContentStream` / `countTokens` options. */
export const GEMINI_GENERATE: RequestShape = {
  name: 'google-genai',
  modelPaths: ['model'],
  systemPaths: ['config.systemInstruction'],
  promptPath: 'prompt',
  messagesPath: 'contents',
  configPath: 'config',
  structuredOutput: ({ turnConfig, config }) => geminiStructuredOutput([turnConfig, config]),
};

/** A chat turn: the session's options (`chats.create(...)`) are the request; `chatMessage` is what `sendMessage` sends. */
export interface GeminiChatFields extends RequestFields {
  /** The argument of `chat.sendMessage(...)` (`{ message, config }`). */
  chatMessage: Node | undefined;
}

/** `chat.sendMessage({ message, config })` on a session from `chats.create({ model, config, history })`. */
export const GEMINI_CHAT: RequestShape<GeminiChatFields> = {
  name: 'google-genai-chat',
  modelPaths: ['model'],
  systemPaths: [],
  configPath: 'config',
  input: (b, { req, fields, st }) => {
    if (fields.chatMessage) addChatTurn(b, req, fields.chatMessage, st);
    else addSessionOnly(b, req);
  },
  // A chat turn's own `config` (sendMessage({ message, config })) overrides the session's.
  turnConfig: ({ fields, st }) => (fields.chatMessage ? objectAt(chatTurnObject(fields.chatMessage, st), 'config') : undefined),
  structuredOutput: ({ turnConfig, config }) => geminiStructuredOutput([turnConfig, config]),
};

/** Gemini Interactions API: `{ model | agent, input, system_instruction, generation_config, previous_interaction_id }`. */
export const GEMINI_INTERACTIONS: RequestShape = {
  name: 'google-interactions',
  modelPaths: ['model'],
  agentPath: 'agent',
  systemPaths: ['system_instruction'],
  configPath: 'generation_config',
  input: (b, { req }) => addInteractionInput(b, req),
};

/** `responseSchema` / `responseJsonSchema`, else `responseMimeType: 'application/json'`. */
function geminiStructuredOutput(configs: Array<RequestObject | undefined>): StructuredOutput | undefined {
  const schema = firstOf(configs, ['responseSchema', 'responseJsonSchema']);
  if (schema) return describeSchema(schema.node, schema.st, 'json-schema');
  return singleString(firstOf(configs, ['responseMimeType'])) === 'application/json' ? { kind: 'json-object' as const } : undefined;
}

/**
 * A Gemini interaction's `input`: a string, content blocks (`{ type: 'text', text }`, images as
 * holes) or steps (`{ type: 'user_input', content }`). A continued interaction
 * (`previous_interaction_id`) also sends the earlier turns the server keeps: unknown here.
 */
function addInteractionInput(b: PromptBuilder, req: RequestObject | undefined): void {
  const input = readPath(req, 'input');
  if (input) addContent(b, 'user', input.node, input.st);
  const previous = readPath(req, 'previous_interaction_id');
  if (previous) b.unresolved(`the earlier turns of interaction \`${exprText(previous.node)}\` are kept by the server and sent as input too`, previous.node);
}

/**
 * A Gemini chat turn: the session's system instruction (a per-message `config` one wins) and
 * `history` from `chats.create`, then the `message` of `sendMessage({ message })` as the user part.
 */
function addChatTurn(b: PromptBuilder, session: RequestObject | undefined, sent: Node, st: EvalState): void {
  const turn = chatTurnObject(sent, st);
  const system = readPath(turn, 'config.systemInstruction') ?? readPath(session, 'config.systemInstruction');
  if (system) addSystem(b, system.node, system.st);
  const history = readPath(session, 'history');
  if (history) addMessages(b, history.node, history.st, 'user');
  const message = readPath(turn, 'message');
  if (message) addContent(b, 'user', message.node, message.st);
  else if (turn) b.unresolved(`the chat message \`${exprText(sent)}\` sets no \`message\``, sent);
  else b.unresolved(`the chat message \`${exprText(sent)}\` is not a statically known \`{ message }\` object`, sent);
}

/** `sendMessage()` without an argument: the session's options read like `generateContent`'s. */
function addSessionOnly(b: PromptBuilder, session: RequestObject | undefined): void {
  const system = readPath(session, 'config.systemInstruction');
  if (system) addSystem(b, system.node, system.st);
  const prompt = readPath(session, 'prompt');
  if (prompt) addContent(b, 'user', prompt.node, prompt.st);
  const contents = readPath(session, 'contents');
  if (contents) addMessages(b, contents.node, contents.st, 'user');
}

/** The `{ message, config }` object passed to `chat.sendMessage`, when statically known. */
function chatTurnObject(sent: Node | undefined, st: EvalState): RequestObject | undefined {
  const literal = sent ? followToLiteral(sent, st) : undefined;
  return literal && Node.isObjectLiteralExpression(literal.node) ? { node: literal.node, st: literal.st } : undefined;
}
