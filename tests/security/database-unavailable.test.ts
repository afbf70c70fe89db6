import { isDatabaseUnavailable } from '../../src/errors/database-unavailable';

// What the driver, its pool, knex and MikroORM were seen to throw while PostgreSQL restarted or a
// connection was killed (tests/security/database-restart and connection-killed), against errors
// that must stay INTERNAL_SERVER_ERROR or their own codes.

const orm = (message: string) => Object.assign(new Error(`select "p0".* from "proposal" as "p0" limit 1 - ${message}`), { name: 'DriverException' });

test.each([
  ['a SQLSTATE of class 08', Object.assign(new Error('connection failure'), { code: '08006' })],
  ['admin shutdown (57P01)', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
  ['the server starting up (57P03)', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
  ['a statement past the statement timeout (57014)', Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' })],
  ['a refused socket', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
  ['a dead client behind the ORM', orm('Client has encountered a connection error and is not queryable')],
  ['a connection ended mid-query', orm('Connection terminated unexpectedly')],
  ['a statement on a transaction whose connection died', orm('Transaction query already complete, run with DEBUG=knex:tx for more info')],
  ['the pool waiting in vain', new Error('Knex: Timeout acquiring a connection. The pool is probably full. Are you missing a .transacting(trx) call?')],
  ['a cause wrapped inside', Object.assign(new Error('request failed'), { cause: orm('Connection ended unexpectedly') })],
])('%s is the database being out of reach', (_label, error) => {
  expect(isDatabaseUnavailable(error)).toBe(true);
});

test.each([
  ['a unique violation', Object.assign(new Error('duplicate key value violates unique constraint "proposal_pkey"'), { code: '23505' })],
  ['a serialization failure', Object.assign(new Error('could not serialize access due to concurrent update'), { code: '40001' })],
  ['a programming error', new TypeError("Cannot read properties of undefined (reading 'id')")],
  ['nothing at all', undefined],
])('%s is not', (_label, error) => {
  expect(isDatabaseUnavailable(error)).toBe(false);
});
