import { createServer } from 'node:http';

/**
 * The baseline of the ingest benchmark: a bare node:http server that reads the body and answers
 * 204, the ceiling for any collector on this machine. Prints its origin on stdout.
 */
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(204);
    response.end();
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
