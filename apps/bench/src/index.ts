console.log('lrkit: under construction');
