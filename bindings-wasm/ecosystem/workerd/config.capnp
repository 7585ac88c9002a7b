# workerd serving a bundled Worker (out/wrangler/, out/workerd-bytes/) on
# 127.0.0.1; run.mjs fills in the port and the modules (the bundle and the
# .wasm files wrangler wrote beside it).
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:PORT", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [MODULES],
  compatibilityDate = "2025-01-01",
);
