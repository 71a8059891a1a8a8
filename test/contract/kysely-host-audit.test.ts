import { testKyselyRepositories } from './kysely-contracts.js'

testKyselyRepositories('host audit')
