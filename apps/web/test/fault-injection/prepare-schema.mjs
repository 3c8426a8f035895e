// Only while a change is being built (CLAVE_SCHEMA_FROM_ENTITIES=1, as for the API's own tests):
// creates the database's tables straight from the entities and marks every migration as applied,
// so that the real server (src/main.ts) starts on it without migrating, then loads the demo itself.
// Run by fault-injection.test.ts with the API's folder as working directory and `--import tsx`.
const { parseDatabaseUrl } = await import('../../../api/src/config.ts');
const { initORM } = await import('../../../api/src/db/orm.ts');

const orm = await initORM({ database: parseDatabaseUrl(process.env.DATABASE_URL ?? '') });
try {
  await orm.schema.createSchema();
  const migrator = orm.getMigrator();
  const storage = migrator.getStorage();
  await storage.ensureTable();
  for (const migration of await migrator.getPendingMigrations()) {
    await storage.logMigration({ name: migration.name });
  }
} finally {
  await orm.close();
}
