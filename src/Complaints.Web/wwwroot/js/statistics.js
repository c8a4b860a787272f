// The regulator's dashboards: draws each chart from the JSON block beside its canvas (the table next to it is the
// accessible version), and switches the period to "custom" when a date is typed.
(function () {
    'use strict';

    var palette = ['#0d6efd', '#dc3545', '#fd7e14', '#198754', '#6f42c1', '#20c997', '#6c757d'];

    function draw(canvas) {
        var source = document.getElementById(canvas.getAttribute('data-chart'));
        if (!source || typeof window.Chart === 'undefined') {
            return;
        }

        var spec = JSON.parse(source.textContent);
        new window.Chart(canvas, {
            type: spec.type,
            data: {
                labels: spec.labels,
                datasets: spec.series.map(function (series, i) {
                    return {
                        label: series.label,
                        data: series.data,
                        backgroundColor: palette[i % palette.length],
                        borderColor: palette[i % palette.length],
                        tension: 0.2
                    };
                })
            },
            options: {
                responsive: true,
                animation: false,
                plugins: { legend: { display: spec.series.length > 1 } },
                // Counts (and whole per cents): no 0,5 steps on the axis when the numbers are small.
                scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }
            }
        });
    }

    document.querySelectorAll('canvas[data-chart]').forEach(draw);

    var preset = document.getElementById('preset');
    ['from', 'to'].forEach(function (id) {
        var input = document.getElementById(id);
        if (input && preset) {
            input.addEventListener('change', function () { preset.value = 'Custom'; });
        }
    });
})();
