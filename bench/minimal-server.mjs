// The smallest useful node:http server: every request gets a small JSON run. Reports its port over IPC.
import http from 'node:http';

const body = JSON.stringify({ id: 'run_1', status: 'completed' });
const server = http.createServer((request, response) => {
  request.resume();
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send(server.address().port));
