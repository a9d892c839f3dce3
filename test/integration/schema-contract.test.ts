import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType, parse, validate } from 'graphql';
import { EXAMPLE_OPERATIONS } from '../../src/graphiql/example-operations';
import { buildAppSchema } from '../../src/schema';
import { printAppSchema } from '../../src/schema-printer';

describe('the schema contract', () => {
  it('schema/schema.graphql is exactly what the code prints (run `npm run schema:print` after an API change)', async () => {
    const committed = readFileSync(join(__dirname, '..', '..', '..', 'schema', 'schema.graphql'), 'utf8');
    expect(await printAppSchema()).to.equal(committed);
  });

  it('describes every type, field, argument, input field and enum value', async () => {
    const schema = await buildAppSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      } else if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) if (!field.description) missing.push(`${type.name}.${field.name}`);
      } else if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      } else if (isScalarType(type) && ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) {
        continue;
      }
    }
    expect(missing, `undescribed: ${missing.join(', ')}`).to.deep.equal([]);
  });

  it('every GraphiQL example operation is valid against the schema', async () => {
    const schema = await buildAppSchema();
    for (const op of EXAMPLE_OPERATIONS) {
      const errors = validate(schema, parse(op.query));
      expect(errors.map((e) => e.message), op.title).to.deep.equal([]);
    }
  });
});
