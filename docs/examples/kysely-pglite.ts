import { PGlite } from '@electric-sql/pglite'
import { Kysely } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'

export const db = new Kysely({ dialect: new PGliteDialect(new PGlite()) })
