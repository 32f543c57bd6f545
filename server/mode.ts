/**
 * Imported first by server/index.ts and server/main.ts, before anything loads React or Express:
 * the production build always runs in production mode, whatever NODE_ENV
 * the shell had. Development builds of React and Express put stack traces
 * and file paths into error answers.
 */
export const dev = process.argv.includes('--dev')
if (!dev) process.env.NODE_ENV = 'production'
