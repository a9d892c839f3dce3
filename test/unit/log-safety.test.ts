import { DriverException, NotFoundError, UniqueConstraintViolationException } from '@mikro-orm/core';
import { expect } from 'chai';
import { cleanText, createLogger, serializeError, splitStatement } from '../../src/logger';

// The error serializer of every logger: what of an error may be logged. The integration test
// (logs.test.ts) sends personal data through the real paths; this one covers the SQL literals
// and messages those paths may not happen to produce.

const knexError = (sql: string, reason: string, props: Record<string, unknown> = {}) => Object.assign(new Error(`${sql} - ${reason}`), props);

describe('log safety: the error serializer', () => {
  it('turns a statement into its shape: every literal a ?, names kept', () => {
    const { statement, reason } = splitStatement(
      `insert into "contact_person" ("id", "name", "email", "revision") values ('6d3b…', 'O''Brien - de Wit', E'back\\\\slash', 12) returning "revision" - value too long for type character varying(200)`,
    );
    expect(statement).to.equal('insert into "contact_person" ("id", "name", "email", "revision") values (?, …) returning "revision"');
    expect(reason).to.equal('value too long for type character varying(200)');
  });

  it('keeps a " - " inside a literal in the statement, and JSON, blobs and numbers out of it', () => {
    const { statement, reason } = splitStatement(
      "update `interaction` set `summary` = 'Jan - Piet', `internal_participants` = '[\"Jan\",\"Piet\"]', `x` = X'0a0b', `n` = -3.5e2 where `id` = 'a' - SQLITE_ERROR: x",
    );
    expect(statement).to.equal('update `interaction` set `summary` = ?, `internal_participants` = ?, `x` = ?, `n` = -? where `id` = ?');
    expect(reason).to.equal('SQLITE_ERROR: x');
  });

  it('replaces a quoted identifier that is not a plain name', () => {
    expect(splitStatement('select "a b", `c` from t').statement).to.equal('select ?, `c` from t');
  });

  it('an unterminated literal swallows the rest, reason included', () => {
    expect(splitStatement("select * from t where a = 'Jansen - it broke")).to.deep.equal({ statement: 'select * from t where a = ?', reason: '' });
  });

  it('cleans a message of quoted parts, e-mail addresses and telephone numbers', () => {
    expect(cleanText(`unrecognized token: "'Jansen`)).to.equal('unrecognized token: ?');
    expect(cleanText(`near 'x': syntax error`)).to.equal('near ?: syntax error');
    expect(cleanText('mail jan@example.nl or call +31 (0)6 1234 5678, line 12')).to.equal('mail ? or call ?, line 12');
    expect(cleanText('value “Jansen” and ‘Piet’')).to.equal('value ? and ?');
  });

  it('logs a database error as class, code, shape and names, never message, parameters or details', () => {
    const original = knexError(`insert into "contact_person" ("email") values ('jan@example.nl')`, 'duplicate key value violates unique constraint "contact_person_email"', {
      code: '23505', detail: 'Key (email)=(jan@example.nl) already exists.', table: 'contact_person', constraint: 'contact_person_email', where: 'x', hint: 'y', params: ['jan@example.nl'],
    });
    const logged = serializeError(new UniqueConstraintViolationException(original)) as Record<string, unknown>;
    expect(logged).to.deep.include({
      type: 'UniqueConstraintViolationException', code: '23505', table: 'contact_person', constraint: 'contact_person_email',
      statement: 'insert into "contact_person" ("email") values (?)', reason: 'duplicate key value violates unique constraint ?',
    });
    expect(String(logged.stack).split('\n')[0]).to.equal('UniqueConstraintViolationException [23505]: insert into contact_person');
    expect(JSON.stringify(logged)).not.to.match(/jan@|Key \(|"where"|"hint"|"detail"|"params"|"message"/);
  });

  it('drops the reason of a PostgreSQL RAISE, which says whatever its author wrote', () => {
    const logged = serializeError(new DriverException(knexError(`insert into "t" ("a") values ('x')`, 'no Jansen here', { code: 'P0001' }))) as Record<string, unknown>;
    expect(logged.reason).to.equal(undefined);
    expect(logged.statement).to.equal('insert into "t" ("a") values (?)');
  });

  it('a database error without a statement (a refused connection) keeps only a cleaned reason', () => {
    const logged = serializeError(new DriverException(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))) as Record<string, unknown>;
    expect(logged).to.deep.include({ type: 'DriverException', code: 'ECONNREFUSED', reason: 'connect ECONNREFUSED ?:5432' });
    expect(logged.statement).to.equal(undefined);
  });

  it('keeps a cleaned message only for classes that build it from code; never the properties', () => {
    const typeError = serializeError(new TypeError(`Cannot read properties of undefined (reading 'jansen')`)) as Record<string, unknown>;
    expect(typeError.message).to.equal('Cannot read properties of undefined (reading ?)');
    expect(String(typeError.stack)).to.match(/^TypeError: Cannot read properties of undefined \(reading \?\)\n\s+at /);

    const plain = serializeError(Object.assign(new Error('No contact named Jansen'), { code: 'E_X', body: '{"name":"Jansen"}', entity: { name: 'Jansen' } })) as Record<string, unknown>;
    expect(plain).to.deep.include({ type: 'Error', code: 'E_X' });
    expect(JSON.stringify(plain)).not.to.contain('Jansen');

    const notFound = serializeError(new NotFoundError(`ContactPerson not found ({ email: 'jan@example.nl' })`)) as Record<string, unknown>;
    expect(notFound.message).to.equal('ContactPerson not found ({ email: ? })');

    const syntax = serializeError(new SyntaxError(`Unexpected token J, "{"name": Jansen}" is not valid JSON`)) as Record<string, unknown>;
    expect(JSON.stringify(syntax)).not.to.contain('Jansen');
  });

  it('follows causes, and unwraps the copy pino-http hands to its serializer', () => {
    const err = new Error('outer Jansen', { cause: new DriverException(knexError(`select * from "t" where "a" = 'Jansen'`, 'boom')) });
    const logged = serializeError({ type: 'Error', message: 'outer Jansen', raw: err }) as Record<string, any>;
    expect(logged.type).to.equal('Error');
    expect(logged.cause.statement).to.equal('select * from "t" where "a" = ?');
    expect(JSON.stringify(logged)).not.to.contain('Jansen');
  });

  it('every logger and its children serialize an error this way, under `err` and under any other key', () => {
    const lines: string[] = [];
    const logger = createLogger('trace', { write: (line: string) => void lines.push(line) });
    const err = () => new DriverException(knexError(`insert into "t" ("a") values ('jan@example.nl')`, 'boom'));
    logger.error({ err: err() }, 'internal error');
    logger.error(err());
    logger.child({ requestId: 'r' }).warn({ error: err(), detail: 'x' }, 'other key');
    logger.child({ requestId: 'r' }).fatal(err());
    expect(lines).to.have.length(4);
    for (const line of lines) {
      expect(line).not.to.contain('jan@');
      expect(line).to.contain('insert into \\"t\\" (\\"a\\") values (?)');
    }
  });
});
