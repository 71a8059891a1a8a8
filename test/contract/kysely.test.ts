import { testKyselyRepositories } from './kysely-contracts.js'

testKyselyRepositories('library audit')
