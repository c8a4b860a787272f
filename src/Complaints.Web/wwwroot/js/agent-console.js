// The agent console's live updates (CSP forbids inline script, hence this file). The hub only says which
// conversation changed; every element with data-refresh is reloaded from its URL over HTTP, so what an agent sees is
// always what the server would render on a full reload (pages work without this script).
(function () {
    'use strict';

    const root = document.getElementById('agent-console');
    if (!root) {
        return;
    }

    // Canned replies fill the message box; the agent edits before sending.
    const picker = document.getElementById('canned-picker');
    if (picker) {
        picker.addEventListener('change', function () {
            const option = picker.options[picker.selectedIndex];
            const target = document.getElementById(picker.dataset.target);
            if (target && option && option.dataset.text) {
                target.value = option.dataset.text;
                target.focus();
            }
        });
    }

    if (typeof signalR === 'undefined') {
        return;
    }

    const refresh = async function (conversationId) {
        const parts = root.querySelectorAll('[data-refresh]');
        for (const part of parts) {
            // A conversation page reloads its transcript only for its own conversation.
            if (part.dataset.conversation && conversationId && part.dataset.conversation !== conversationId) {
                continue;
            }

            try {
                const response = await fetch(part.dataset.refresh, { credentials: 'same-origin', headers: { 'X-Requested-With': 'fetch' } });
                if (response.ok) {
                    part.innerHTML = await response.text();
                }
            } catch (e) {
                // A failed refresh waits for the next change or a reload.
            }
        }
    };

    const status = document.getElementById('live-status');
    const setLive = function (live) {
        root.dataset.live = live ? 'on' : 'off';
        if (status) {
            if (!status.dataset.offText) {
                status.dataset.offText = status.textContent;
            }

            status.textContent = live ? status.dataset.liveText : status.dataset.offText;
            status.classList.toggle('text-bg-success', live);
            status.classList.toggle('text-bg-secondary', !live);
        }
    };

    const connection = new signalR.HubConnectionBuilder()
        .withUrl(root.dataset.hub)
        .withAutomaticReconnect()
        .build();
    connection.on('conversationChanged', function (id) {
        refresh(String(id));
    });
    connection.onreconnecting(function () { setLive(false); });
    connection.onreconnected(function () { setLive(true); refresh(null); });
    connection.onclose(function () { setLive(false); });
    connection.start().then(function () { setLive(true); }).catch(function () { setLive(false); });
})();
