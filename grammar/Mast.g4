// The Mast grammar. No actions or predicates: the C++ adapter in
// compiler/syntax/ turns the parse tree into the AST, collects comments from
// the hidden channel, and parses string interpolations.
grammar Mast;

// ---------------------------------------------------------------- files

file : importDecl* declaration* EOF ;

importDecl : IMPORT STRING AS IDENT ;

declaration
  : typeDecl
  | schemaDecl
  | paramDecl
  | fnDecl
  | letDecl
  | emitDecl
  | policyDecl
  | testDecl
  ;

typeDecl   : TYPE TYPE_IDENT ASSIGN typeExpr ;
schemaDecl : SCHEMA TYPE_IDENT LBRACE schemaMember* RBRACE ;
paramDecl  : PARAM IDENT COLON typeExpr (ASSIGN expr)? ;
fnDecl     : FN IDENT LPAREN (parameter (COMMA parameter)* COMMA?)? RPAREN COLON typeExpr ASSIGN expr ;
letDecl    : LET IDENT (COLON typeExpr)? ASSIGN expr ;
emitDecl   : EMIT expr ;

// policy "probes/readiness" { severity: "warning", ..., violations(object, context): [...] }
policyDecl : POLICY STRING LBRACE policyMember* RBRACE ;
policyMember
  : IDENT LPAREN IDENT (COMMA IDENT)* COMMA? RPAREN COLON expr COMMA?   # policyCheck
  | fieldName COLON expr COMMA?                                          # policyField
  ;

// test "name" { let x = ..., assert x == 1 : "message", ... } (run by `mast test`)
testDecl : TEST STRING LBRACE testStep* RBRACE ;
testStep
  : LET IDENT (COLON typeExpr)? ASSIGN expr COMMA?                 # testLet
  | ASSERT expr (COLON STRING)? COMMA?                             # testAssert
  | EXPECT_ERROR STRING (COMMA STRING)* COMMA? IN STRING COMMA?    # testExpectError
  | SNAPSHOT STRING COLON STRING COMMA?                            # testSnapshot
  ;

parameter : IDENT COLON typeExpr ;

schemaMember
  : fieldName QUESTION? COLON typeExpr (ASSIGN expr)? COMMA?     # schemaField
  | CHECK expr COLON STRING COMMA?                               # schemaCheck
  ;

// ---------------------------------------------------------------- types

typeExpr : primaryType (PIPE primaryType)* ;

primaryType
  : typeName (LPAREN refinement (COMMA refinement)* COMMA? RPAREN)?   # namedType
  | STRING                                                            # stringLiteralType
  | MINUS? INT                                                        # intLiteralType
  | (KW_TRUE | KW_FALSE)                                                    # boolLiteralType
  | KW_NULL                                                              # nullType
  | LBRACKET typeExpr RBRACKET                                        # listType
  | LBRACE (recordTypeField COMMA?)+ RBRACE                           # recordType
  | LBRACE typeExpr COLON typeExpr RBRACE                             # mapType
  | LPAREN typeExpr RPAREN                                            # parenType
  ;

typeName : anyIdent (DOT anyIdent)? ;

// A field of an inline record type: `{ path: string, port?: int }`. The
// names are lowercase or quoted, so `{Key: T}` stays a map type; `{string: T}`
// matches both alternatives, and the adapter reads it as the map type.
recordTypeField : (IDENT | STRING | keyword) QUESTION? COLON typeExpr ;

// `1..50`, `len: 1..63`, `matches: "^a"`, `0..`, `..10`
refinement : (IDENT COLON)? (range | STRING) ;
range      : bound? RANGE bound? ;
bound      : MINUS? (INT | FLOAT) ;

// ---------------------------------------------------------------- expressions

expr
  : IF expr THEN expr ELSE expr                        # ifExpr
  | LET IDENT (COLON typeExpr)? ASSIGN expr IN expr    # letExpr
  | operand                                            # plainExpr
  ;

// Every operator in one left-recursive rule: the earlier an alternative, the
// tighter it binds, and binary operators associate to the left. ANTLR turns
// the rule into a loop with precedence predicates, which predicts much
// faster than a chain of one rule per precedence level (a cold parse spent
// most of its time walking that chain for every operand).
operand
  : operand postfix                                    # postfixOperand
  | (NOT | MINUS) operand                              # unaryOperand
  | operand op=(STAR | SLASH | PERCENT) operand        # binaryOperand
  | operand op=(PLUS | MINUS) operand                  # binaryOperand
  | operand op=(LT | LE | GT | GE) operand             # binaryOperand
  | operand op=(EQ | NEQ) operand                      # binaryOperand
  | operand op=AND operand                             # binaryOperand
  | operand op=OR operand                              # binaryOperand
  | operand op=COALESCE operand                        # binaryOperand
  | operand op=WITH operand                            # binaryOperand
  | primary                                            # primaryOperand
  ;

// A record body after an operand: `Name { ... }` and `apps.Deployment { ... }`
// build typed records, and in a conditional field, `if cond { ... }`, the
// body after the condition is its fields (the adapter takes it off the
// condition's last operand, and reports a body after anything else). As a
// suffix, a body needs one token of lookahead; as alternatives of `primary`
// and `recordEntry`, telling `if x == T { ... }` apart needed lookahead
// through the whole body.
postfix
  : DOT fieldName                                      # fieldAccess
  | QUESTION_DOT fieldName                             # optionalFieldAccess
  | LBRACKET expr RBRACKET                             # indexAccess
  | LPAREN (expr (COMMA expr)* COMMA?)? RPAREN         # callArgs
  | recordBody                                         # recordSuffix
  ;

primary
  : INT                                                # intLiteral
  | FLOAT                                              # floatLiteral
  | STRING                                             # stringLiteral
  | TEXT_BLOCK                                         # textBlockLiteral
  | (KW_TRUE | KW_FALSE)                                     # boolLiteral
  | KW_NULL                                               # nullLiteral
  | IDENT                                              # nameRef
  | TYPE_IDENT                                         # typeNameRef
  | recordBody                                         # recordLiteral
  | LBRACKET (listItem (COMMA listItem)* COMMA?)? RBRACKET   # listLiteral
  | LPAREN expr RPAREN                                 # parenExpr
  ;

listItem
  : FOR forClause (COMMA forClause)* COLON expr   # listFor
  | expr                                          # listElement
  ;

// `x in xs`, `k, v in m`, each with an optional filter; `for x in xs, y in ys`
// nests the clauses from left to right.
forClause : IDENT (COMMA IDENT)? IN expr (IF expr)? ;

recordBody : LBRACE recordEntry* RBRACE ;

recordEntry
  : fieldKey COLON expr COMMA?                                       # fieldEntry
  | IF expr (ELSE recordBody)? COMMA?                                # ifEntry
  | FOR forClause (COMMA forClause)* COLON expr COLON expr COMMA?     # forEntry
  ;

fieldKey  : fieldName | STRING | LPAREN expr RPAREN ;
fieldName : anyIdent | keyword ;
anyIdent  : IDENT | TYPE_IDENT ;
// Keywords may be used as field names (`type: "ClusterIP"`, `if`), but not as variables.
keyword : IMPORT | AS | TYPE | SCHEMA | PARAM | FN | LET | EMIT | POLICY | CHECK | IF | THEN | ELSE
        | FOR | IN | WITH | KW_TRUE | KW_FALSE | KW_NULL | TEST | ASSERT | EXPECT_ERROR | SNAPSHOT ;

// ---------------------------------------------------------------- lexer

IMPORT : 'import' ;
AS     : 'as' ;
TYPE   : 'type' ;
SCHEMA : 'schema' ;
PARAM  : 'param' ;
FN     : 'fn' ;
LET    : 'let' ;
EMIT   : 'emit' ;
POLICY : 'policy' ;
CHECK  : 'check' ;
IF     : 'if' ;
THEN   : 'then' ;
ELSE   : 'else' ;
FOR    : 'for' ;
IN     : 'in' ;
WITH   : 'with' ;
TEST   : 'test' ;
ASSERT : 'assert' ;
EXPECT_ERROR : 'expect_error' ;
SNAPSHOT : 'snapshot' ;
KW_TRUE   : 'true' ;
KW_FALSE  : 'false' ;
KW_NULL   : 'null' ;

RANGE        : '..' ;
QUESTION_DOT : '?.' ;
COALESCE     : '??' ;
OR     : '||' ;
AND    : '&&' ;
EQ     : '==' ;
NEQ    : '!=' ;
LE     : '<=' ;
GE     : '>=' ;
LT     : '<' ;
GT     : '>' ;
ASSIGN : '=' ;
NOT    : '!' ;
PLUS   : '+' ;
MINUS  : '-' ;
STAR   : '*' ;
SLASH  : '/' ;
PERCENT: '%' ;
PIPE   : '|' ;
QUESTION : '?' ;
COLON  : ':' ;
COMMA  : ',' ;
DOT    : '.' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACE : '{' ;
RBRACE : '}' ;
LBRACKET : '[' ;
RBRACKET : ']' ;

FLOAT : DIGITS '.' DIGITS EXPONENT? | DIGITS EXPONENT ;
INT   : DIGITS ;
fragment DIGITS   : [0-9] ('_'? [0-9])* ;
fragment EXPONENT : [eE] [+-]? [0-9]+ ;

TYPE_IDENT : [A-Z] [a-zA-Z0-9_]* ;
IDENT      : [a-z_] [a-zA-Z0-9_]* ;

// """ text blocks """: raw multi-line text with ${...} interpolation.
TEXT_BLOCK : '"""' .*? '"""' ;
// A string keeps its ${...} parts as text; the adapter parses them.
STRING : '"' STRING_PART* '$'? '"' ;
UNTERMINATED_STRING : '"' STRING_PART* '$'? ;
fragment STRING_PART : ESCAPE | INTERPOLATION | ~["\\\r\n$] | '$' ~["{\r\n\\] ;
fragment ESCAPE : '\\' . ;
// An interpolation ends at the first `}` outside a string: "${join(xs, "}")}".
fragment INTERPOLATION : '${' (~[}"\r\n] | INNER_STRING)* '}' ;
fragment INNER_STRING : '"' (ESCAPE | ~["\\\r\n])* '"' ;

DOC_COMMENT   : '///' ~[\r\n]* -> channel(HIDDEN) ;
LINE_COMMENT  : '//' ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN) ;
WS : [ \t\r\n]+ -> skip ;

// Anything else is one bad character; the adapter reports it.
ERROR_CHAR : . ;
