// @ts-check
// A neverthrow Result or ResultAsync dropped on the floor is an error nobody handles. This rule
// flags expression statements whose type is one (typescript-eslint's no-floating-promises does
// not, since ResultAsync is not a Promise). `void result` marks a deliberate discard.
import { ESLintUtils } from '@typescript-eslint/utils'

const RESULT_TYPES = new Set(['Ok', 'Err', 'Result', 'ResultAsync'])

/** @param {import('typescript').Type} type */
function isResult(type) {
  if (type.isUnion()) return type.types.some(isResult)
  const symbol = type.getSymbol() ?? type.aliasSymbol
  if (symbol === undefined || !RESULT_TYPES.has(symbol.getName())) return false
  return (symbol.getDeclarations() ?? []).some((d) => d.getSourceFile().fileName.includes('/neverthrow/'))
}

export const mustUseResult = ESLintUtils.RuleCreator.withoutDocs({
  meta: {
    type: 'problem',
    messages: {
      unused: 'This {{name}} is discarded: handle its error (match, map, isErr…) or mark it with `void`.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const services = ESLintUtils.getParserServices(context)
    return {
      ExpressionStatement(node) {
        const expression = node.expression
        if (expression.type === 'UnaryExpression' && expression.operator === 'void') return
        if (expression.type === 'AssignmentExpression') return
        const type = services.getTypeAtLocation(expression)
        if (isResult(type)) {
          context.report({
            node,
            messageId: 'unused',
            data: { name: type.getSymbol()?.getName() ?? 'Result' },
          })
        }
      },
    }
  },
})

export default { rules: { 'must-use-result': mustUseResult } }
