# workerd serving the bundled worker (out/workerd/) on 127.0.0.1; run.mjs
# writes the port into a copy of this file.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:PORT", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [
    (name = "worker.mjs", esModule = embed "worker.mjs"),
    (name = "nidan.wasm", wasm = embed "nidan.wasm"),
    (name = "nidan-enrol.wasm", wasm = embed "nidan-enrol.wasm"),
  ],
  compatibilityDate = "2025-01-01",
);
