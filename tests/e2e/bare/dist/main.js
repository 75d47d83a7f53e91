requestAnimationFrame(() => performance.mark("first-rows"));
