import { InvalidArgumentError, type Command } from 'commander';
import { z } from 'zod';
import { TokenNameTakenError } from '../repositories/operator-tokens-repository';
import { operatorHashKey } from '../security/operator-secrets';
import { OPERATOR_ROLES, parseRole } from '../services/operator-roles';
import { createOperatorToken, listOperatorTokens, revokeOperatorToken } from '../services/operator-token-service';
import { CliError, processIo, type CliIo } from './cli-io';
import { withCliStore } from './cli-store';

const tokenName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a name is 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit');

function parseName(value: string): string {
  const parsed = tokenName.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(parsed.error.issues[0]?.message ?? 'invalid name');
  return parsed.data;
}

function parseDays(value: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('a whole number of days, at least 1');
  return Number(value);
}

function parseRoleOption(value: string): string {
  if (parseRole(value) === null) throw new InvalidArgumentError(`one of ${OPERATOR_ROLES.join(', ')}`);
  return value;
}

/** `operator token create|revoke|list`: program access to the operator API. */
export function registerTokenCommand(program: Command, io: CliIo = processIo): void {
  const token = program.command('token').description('bearer tokens for programs (CRM, factory systems) using the operator API');

  token
    .command('create')
    .description('make a token; it is printed once, as the last line of standard output, and only its keyed hash is stored')
    .requiredOption('--name <name>', 'a unique name for the program (shown in the audit)', parseName)
    .requiredOption('--role <role>', `viewer, support or admin`, parseRoleOption)
    .option('--expires-days <days>', 'the token stops working after this many days (default: never)', parseDays)
    .action(async (options: { name: string; role: string; expiresDays?: number }) => {
      const role = parseRole(options.role) ?? 'viewer';
      const created = await withCliStore(io.env, async (store) => {
        try {
          return await createOperatorToken(store.db, operatorHashKey(store.keys), { name: options.name, role, expiresDays: options.expiresDays }, Date.now());
        } catch (error) {
          if (error instanceof TokenNameTakenError) throw new CliError(`a token named "${options.name}" already exists (revoke it first)`);
          throw error;
        }
      });
      const expiry = created.expiresAt === null ? 'never expires' : `expires ${new Date(created.expiresAt).toISOString()}`;
      io.stdout(`token "${created.name}" (${created.role}) created; ${expiry}. Store it now: it is not shown again.\n${created.token}\n`);
    });

  token
    .command('revoke')
    .description('end a token at once, on every host process')
    .requiredOption('--name <name>', 'the token to revoke', parseName)
    .action(async (options: { name: string }) => {
      const revoked = await withCliStore(io.env, (store) => revokeOperatorToken(store.db, options.name, Date.now()));
      if (!revoked) throw new CliError(`no active token named "${options.name}"`);
      io.stdout(`token "${options.name}" revoked\n`);
    });

  token
    .command('list')
    .description('list active tokens (names, roles, dates; never the tokens)')
    .action(async () => {
      const tokens = await withCliStore(io.env, (store) => listOperatorTokens(store.db));
      if (tokens.length === 0) io.stdout('no active tokens\n');
      for (const row of tokens) {
        const expiry = row.expiresAt === null ? 'never' : new Date(row.expiresAt).toISOString();
        io.stdout(`${row.name}\t${row.role}\tcreated ${new Date(row.createdAt).toISOString()}\texpires ${expiry}\n`);
      }
    });
}
