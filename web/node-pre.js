// Node runs of the module (the tests, the bench) see what a native program
// would: the process's environment (emscripten would give its own made-up
// one), and stdin, stdout and stderr as terminals only when they are (under
// NODERAWFS all three would be; a command picks its output format by it).
Module['preRun'] = Module['preRun'] || [];
Module['preRun'].push(function () {
  ['USER', 'LOGNAME', 'PATH', 'PWD', 'HOME', 'LANG', '_'].forEach(function (k) {
    ENV[k] = process.env[k];   // undefined: left out
  });
  Object.assign(ENV, process.env);
  var tty = require('tty');
  FS.createStandardStreams = (function (create) {
    return function () {
      create();
      for (var fd = 0; fd < 3; fd++)
        FS.streams[fd].tty = tty.isatty(fd);
    };
  })(FS.createStandardStreams);
});
