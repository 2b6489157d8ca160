!function(w,p){w[p]=w[p]||{q:[]};"mark measure flush".split(" ").forEach(function(m){w[p][m]=w[p][m]||function(){w[p].q.push([m,[].slice.call(arguments),performance.now()])}})}(window,"perf");
